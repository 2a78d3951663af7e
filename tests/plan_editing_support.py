"""Helpers shared by the plan editor's test modules (test_plan_editing_*.py)."""

from django.urls import reverse

from plans.periods import Period

HTMX = {"HTTP_HX_REQUEST": "true"}


def months(*calendar_months):
    return Period(months=frozenset(calendar_months)).to_bitmask()


def body(response):
    return response.content.decode()


def url(name, *args):
    return reverse(f"plans:{name}", args=args)
