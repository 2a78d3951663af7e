"""The plan rows the coverage looks at: loaded once, filtered and ordered in Python.

Rows of several plans are listed in the one ordering of partners (`Partner.objects.ordered()`),
the rows of one partner in the order of their units.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Prefetch

from partners.models import Direction, Partner
from plans.models import Activity, PlanRow
from plans.review.coverage.params import CoverageParams, selected_units


def _row_queryset():
    return PlanRow.objects.select_related(
        "plan", "plan__unit", "partner", "partner__category"
    ).prefetch_related(
        "directions",
        Prefetch("activities", queryset=Activity.objects.select_related("form")),
    )


def ranks(objects) -> dict[int, int]:
    """Each object's place in an ordered list, by primary key."""
    return {obj.pk: index for index, obj in enumerate(objects)}


def partner_ranks() -> dict[int, int]:
    """Each partner's place in the one ordering of partners."""
    return {pk: i for i, pk in enumerate(Partner.objects.ordered().values_list("pk", flat=True))}


def partner_matches(partner: Partner, params: CoverageParams) -> bool:
    return params.matches_category(partner.category)


def row_directions(row: PlanRow) -> list[Direction]:
    return list(row.directions.all())


def row_matches_direction(row: PlanRow, params: CoverageParams) -> bool:
    if params.no_direction:
        return not row_directions(row)
    if params.direction:
        return any(d.pk == params.direction.pk for d in row_directions(row))
    return True


def year_rows(units, params: CoverageParams, year: int, partner_rank) -> list[PlanRow]:
    """Rows of the year's plans of these units, tier and category applied, in list order."""
    rows = _row_queryset().filter(plan__year=year, plan__unit__in=[u.pk for u in units])
    if params.tier:
        rows = rows.filter(partner__category__tier=params.tier)
    if params.category:
        rows = rows.filter(partner__category=params.category)
    unit_rank = ranks(units)
    return sorted(
        rows,
        key=lambda r: (
            partner_rank.get(r.partner_id, len(partner_rank)),
            unit_rank.get(r.plan.unit_id, 0),
            r.order,
            r.pk,
        ),
    )


def load_rows(user, params: CoverageParams) -> list[PlanRow]:
    """The rows of the year's plans in scope that match every filter, with their activities."""
    units = selected_units(user, params)
    rows = year_rows(units, params, params.year, partner_ranks())
    return [r for r in rows if row_matches_direction(r, params)]


def activities(rows):
    for row in rows:
        yield from row.activities.all()


def activity_count(rows) -> int:
    return sum(len(r.activities.all()) for r in rows)


def direction_counts(rows) -> tuple[Counter, int]:
    """Activities per direction pk (an activity counts for each direction of its row), and the
    activities of rows without any direction."""
    counts: Counter = Counter()
    without = 0
    for row in rows:
        n = len(row.activities.all())
        directions = row_directions(row)
        if not directions:
            without += n
        for d in directions:
            counts[d.pk] += n
    return counts, without
