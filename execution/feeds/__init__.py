"""execution.feeds: each user's private iCalendar feed of their units' activities
(`/calendar/feed/<token>.ics`, no login: the token is the secret) and the page that shows its
address and resets it (`/calendar/subscribe/`). What goes into the feed: execution.feeds.service.
"""
