"""Template helpers of the review pages: looking up per-row figures by a row's id."""

from django import template

register = template.Library()


@register.filter
def lookup(mapping, key):
    """`counts|lookup:row.pk` → the value for that key, or None."""
    if not mapping:
        return None
    return mapping.get(key)
