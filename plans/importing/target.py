"""Where an import goes: the academic year as people write it, and the unit by its name."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from partners.models import Unit
from partners.naming import normalise_name
from plans.importing.parsed import PlanImportError

_YEAR = re.compile(r"\s*(\d{4})\s*(?:[/\-–—]\s*(\d{2}|\d{4}))?\s*(?:г\.?|гг\.?)?\s*")


def parse_year(text: str) -> int:
    """«2026/2027», «2026-2027», «2026/27» or «2026» → 2026."""
    match = _YEAR.fullmatch(text or "")
    if not match:
        raise PlanImportError(_("Write the academic year as 2026/2027."))
    start = int(match.group(1))
    if match.group(2):
        end = int(match.group(2))
        if end < 100:
            end += start // 100 * 100
        if end != start + 1:
            raise PlanImportError(_("An academic year runs over two years in a row, e.g. "
                                    "2026/2027."))
    if not 2000 <= start <= 2100:
        raise PlanImportError(_("Write the academic year as 2026/2027."))
    return start


def find_unit(name: str) -> Unit | None:
    """The unit of that name, spelt exactly or as the same name by the one rule."""
    unit = Unit.objects.filter(name=name.strip()).first()
    if unit is not None:
        return unit
    key = normalise_name(name)
    for candidate in Unit.objects.all():
        if normalise_name(candidate.name) == key:
            return candidate
    return None
