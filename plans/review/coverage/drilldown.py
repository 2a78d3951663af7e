"""The drill-down from a cell of the coverage: the activities behind it, and the cell in words."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from partners.models import Partner, Tier
from plans.periods import SCHOOL_MONTHS, month_name
from plans.review.coverage.months import activity_in_month, untied_key, untied_label
from plans.review.coverage.params import CoverageParams, selected_units, working_months_of
from plans.review.coverage.rows import load_rows, row_activities


@dataclass
class ActivityQuery:
    """A drill-down from a cell: the activities behind it."""

    partner: Partner | None = None
    month: int | None = None
    period: str = ""  # a frequency value or NO_PERIOD: activities not tied to a month
    working: tuple[int, ...] = SCHOOL_MONTHS  # the working months regular work spans

    def matches(self, activity) -> bool:
        """Whether the activity is behind the cell: a month takes pinned and regular work."""
        if self.month and not activity_in_month(activity, self.month, self.working):
            return False
        return not (self.period and untied_key(activity) != self.period)


def matching_activities(user, params: CoverageParams, query: ActivityQuery):
    """(activity, row) pairs of the year in scope that match the filters and the query."""
    query.working = working_months_of(selected_units(user, params))
    result = []
    for row in load_rows(user, params):
        if query.partner and row.partner_id != query.partner.pk:
            continue
        result.extend((a, row) for a in row_activities(row) if query.matches(a))
    return result


def _describe_filters(params: CoverageParams) -> list[str]:
    parts = []
    if params.units:
        parts.append(", ".join(u.name for u in params.units))
    if params.tier:
        parts.append(str(Tier(params.tier).label))
    if params.category:
        parts.append(params.category.name)
    if params.no_direction:
        parts.append(_("no direction"))
    elif params.direction:
        parts.append(_("direction: %(name)s") % {"name": params.direction.name})
    return parts


def describe(query: ActivityQuery, params: CoverageParams) -> list[str]:
    """The drill-down in words: «партнёр МБОУ СОШ № 4», «октябрь», «Один раз в квартал»."""
    parts = []
    if query.partner:
        parts.append(_("partner «%(name)s»") % {"name": query.partner.name})
    if query.month:
        parts.append(_("month: %(month)s") % {"month": month_name(query.month)})
    if query.period:
        parts.append(_("not tied to a month: %(period)s") % {"period": untied_label(query.period)})
    return parts + _describe_filters(params)
