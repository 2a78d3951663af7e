"""What users send, checked in one place: ids, integer parameters and redirect targets.

A value that a database column cannot hold (above 2^63 - 1, say) must never reach a query:
SQLite raises OverflowError for it, a server error. So every form field and filter that takes
an id uses the fields below, which refuse such a value with the field's usual «invalid choice»
message; every integer read straight from a request goes through `int_param`, which answers a
bad one with 400; every `next` goes through `safe_next`.
"""

import re

import django_filters
from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

DB_INT_MAX = 2**63 - 1  # the largest id (a bigint, and SQLite's INTEGER)
SMALL_INT_MAX = 2**31 - 1  # the largest value of an IntegerField on every database
_DIGITS = re.compile(r"[0-9]{1,19}")
NEXT_MAX_LENGTH = 2000


def parse_id(value) -> int | None:
    """The id that `value` spells (ASCII digits, in the database's range), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= DB_INT_MAX else None
    text = str(value).strip()
    if not _DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if number <= DB_INT_MAX else None


def int_param(params, name, *, default=None, minimum=0, maximum=DB_INT_MAX):
    """The integer parameter `name` of request.GET or request.POST.

    Absent or empty gives `default`; anything but an integer in [minimum, maximum] is a bad
    request (400), never a server error.
    """
    raw = params.get(name, "")
    if raw == "":
        return default
    text = raw.strip()
    number = None
    if re.fullmatch(r"-?[0-9]{1,19}", text):
        number = int(text)
    if number is None or not minimum <= number <= maximum:
        raise BadRequest(f"bad integer parameter {name!r}")
    return number


def safe_next(request, default):
    """The `next` the request carries when it is a path on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and len(target) <= NEXT_MAX_LENGTH
        and target.isprintable()
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return default


class _IdChecks:
    """Refuse values that cannot be an id before the queryset sees them."""

    def _is_null(self, value) -> bool:
        # django-filter's «none» choice (e.g. «No direction») is not an id.
        return getattr(self, "null_label", None) is not None and value == self.null_value

    def refuse_bad_ids(self, values) -> None:
        for value in values:
            if isinstance(value, self.queryset.model) or self._is_null(value):
                continue
            if isinstance(value, (str, int)) and parse_id(value) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(value)[:50]},
                )


class _SingleId(_IdChecks):
    def to_python(self, value):
        if value not in self.empty_values:
            self.refuse_bad_ids([value])
        return super().to_python(value)


class _ManyIds(_IdChecks):
    def _check_values(self, value):
        if isinstance(value, (list, tuple)):
            self.refuse_bad_ids(value)
        return super()._check_values(value)


class IdChoiceField(_SingleId, forms.ModelChoiceField):
    """A ModelChoiceField that refuses an id no database column can hold."""


class IdMultipleChoiceField(_ManyIds, forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses ids no database column can hold."""


class _FilterIdField(_SingleId, django_filters.fields.ModelChoiceField):
    pass


class _FilterIdsField(_ManyIds, django_filters.fields.ModelMultipleChoiceField):
    pass


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _FilterIdField


class IdMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = _FilterIdsField


class VersionField(forms.IntegerField):
    """The hidden version of an edited object (optimistic locking), within a column's range."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", SMALL_INT_MAX)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.error_messages["max_value"] = _("The form is out of date: reload the page.")
