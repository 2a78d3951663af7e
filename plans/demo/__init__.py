"""The demo beyond the seed's plan: agreements, partnerships and a second plan on review
(the seed's own data stays in plans.demo_data)."""
