"""Form helpers shared by the packages of `plans`: labels from the models, the «too long»
message and the choice of academic years."""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from plans.models import academic_year_label, current_academic_year


def label(model, name):
    """A form label from the model field's verbose name (translated once, in one place)."""
    return capfirst(model._meta.get_field(name).verbose_name)


def too_long(limit: int):
    return _("Too long: at most %(limit)d characters.") % {"limit": limit}


def year_choices(around: int | None = None):
    current = current_academic_year()
    first = min(current - 1, around or current)
    last = max(current + 2, (around or current) + 1)
    return [(year, academic_year_label(year)) for year in range(first, last + 1)]
