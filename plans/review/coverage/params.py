"""What the coverage is computed for (the page's filters, as kept in its URL), and the scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from partners import policy
from partners.models import Category, Direction, Institution, Unit
from plans.models import Plan, current_academic_year
from plans.periods import working_months

NO_DIRECTION = "null"  # the filter value for rows without any direction


@dataclass(frozen=True)
class CoverageParams:
    """What the coverage is computed for: the filters of the page, as kept in its URL."""

    year: int
    units: tuple[Unit, ...] = ()  # empty: every unit the user may see
    tier: str = ""
    category: Category | None = None
    direction: Direction | str | None = None  # a Direction, NO_DIRECTION or None

    @property
    def no_direction(self) -> bool:
        return self.direction == NO_DIRECTION

    def _values(self) -> dict:
        if self.no_direction:
            direction = NO_DIRECTION
        else:
            direction = self.direction.pk if self.direction else ""
        return {
            "year": self.year,
            "unit": [u.pk for u in self.units],
            "tier": self.tier,
            "category": self.category.pk if self.category else "",
            "direction": direction,
        }

    def query(self, **overrides) -> str:
        """The query string of these parameters, with some replaced (None drops one)."""
        parts = dict(self._encoded)
        parts.update((key, _encoded(key, value)) for key, value in overrides.items())
        return "&".join(part for part in parts.values() if part)

    @cached_property
    def _encoded(self) -> dict[str, str]:
        """Each parameter's part of the query string, encoded once: the page links thousands
        of cells, each with the same filters and a partner, a month or a period of its own."""
        return {key: _encoded(key, value) for key, value in self._values().items()}

    @cached_property
    def _paths(self) -> dict[str, str]:
        """Each named URL's path, reversed once: the page links thousands of cells."""
        return {}

    def path(self, name: str) -> str:
        if name not in self._paths:
            self._paths[name] = reverse(name)
        return self._paths[name]

    def url(self, name: str, **overrides) -> str:
        query = self.query(**overrides)
        return f"{self.path(name)}?{query}" if query else self.path(name)

    def activities_url(self, **overrides) -> str:
        return self.url("coverage:activities", **overrides)

    def matches_category(self, category: Category) -> bool:
        """Whether the tier and category filters let this category through."""
        if self.tier and category.tier != self.tier:
            return False
        return not (self.category and category.pk != self.category.pk)


def _encoded(key: str, value) -> str:
    """One parameter as a part of a query string: a list repeats the key, an empty value is
    left out."""
    if isinstance(value, (list, tuple)):
        return urlencode([(key, v) for v in value])
    return urlencode([(key, value)]) if value not in (None, "") else ""


def selected_units(user, params: CoverageParams) -> list[Unit]:
    """The units in scope: those the policy lets the user see, narrowed by the unit filter."""
    allowed = list(policy.visible_units(user).select_related("institution"))
    if params.units:
        wanted = {u.pk for u in params.units}
        return [u for u in allowed if u.pk in wanted]
    return allowed


def _plan_years(user) -> set[int]:
    plans = policy.scope(Plan.objects.all(), user)
    return set(plans.order_by().values_list("year", flat=True).distinct())


def year_choices(user) -> list[int]:
    """Academic years with a plan the user may see, and the current one, newest first."""
    years = _plan_years(user)
    years.add(current_academic_year())
    return sorted(years, reverse=True)


def default_year(user) -> int:
    """The current academic year if it has a plan, else the latest year that has one."""
    current = current_academic_year()
    years = _plan_years(user)
    if current in years or not years:
        return current
    past = [y for y in years if y < current]
    return max(past) if past else min(years)


def year_start(year: int) -> date:
    """The first day of the academic year `year`/`year + 1`."""
    return date(year, 9, 1)


def reference_day(year: int, today: date | None = None) -> date:
    """The day agreements are judged on: today, kept within the academic year."""
    today = today or timezone.localdate()
    start, end = year_start(year), date(year + 1, 8, 31)
    return min(max(today, start), end)


def working_months_of(units) -> tuple[int, ...]:
    """The working months of the units' institution (the first institution when none is given)."""
    institution = units[0].institution if units else Institution.objects.order_by("pk").first()
    return working_months(bool(institution and institution.summer_programme))
