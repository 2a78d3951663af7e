"""The plan rows the coverage looks at: loaded once, filtered and ordered in Python.

Rows of several plans are listed in the one ordering of partners (`Partner.objects.ordered()`),
the rows of one partner in the order of their units.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from partners.models import Direction, Partner
from plans.models import Activity, Plan, PlanRow
from plans.review.coverage.params import CoverageParams, selected_units


@dataclass
class Known:
    """What the caller loaded already and `year_rows` need not ask again."""

    plans: list[Plan] | None = None  # the year's plans of the units, with their units
    directions: list[Direction] | None = None  # every direction, in their order


@dataclass(slots=True)
class ActivityFacts:
    """What the report reads of an activity (its period), without building a model: the
    report counts tens of thousands of them."""

    pk: int
    row_id: int
    months: int
    frequency: str
    period_note: str


def _activities(query, with_forms: bool) -> dict[int, list]:
    """The rows' activities by row: models with their forms for the drill-down, which shows
    them; their facts alone for the report."""
    activities = Activity.objects.filter(row__in=query.values("pk")).order_by("order", "pk")
    by_row: dict[int, list] = defaultdict(list)
    if with_forms:
        for activity in activities.select_related("form"):
            by_row[activity.row_id].append(activity)
        return by_row
    fields = ("pk", "row_id", "months", "frequency", "period_note")
    for values in activities.values_list(*fields):
        by_row[values[1]].append(ActivityFacts(*values))
    return by_row


def _attach(rows: list[PlanRow], query, known: Known, with_forms) -> dict[int, int]:
    """Give each row its plan (with the unit), partner (with the category), directions and
    activities, each kind in one query and each object built once: thousands of rows share a
    few dozen plans and a few hundred partners, and Django's prefetch builds a manager and a
    queryset per row and relation. The activities' forms only where they are shown (the
    drill-down). Returns each partner's place in the one ordering of partners."""
    plan_of = {p.pk: p for p in known.plans}
    partners = Partner.objects.ordered().filter(pk__in=query.values("partner_id"))
    partner_of = {p.pk: p for p in partners}
    direction_of = {d.pk: d for d in known.directions}
    order = {pk: i for i, pk in enumerate(direction_of)}
    directions: dict[int, list[Direction]] = defaultdict(list)
    links = PlanRow.directions.through.objects.filter(planrow__in=query.values("pk"))
    for row_id, direction_id in links.order_by().values_list("planrow_id", "direction_id"):
        directions[row_id].append(direction_of[direction_id])
    activities_of = _activities(query, with_forms)
    for row in rows:
        row._state.fields_cache["plan"] = plan_of[row.plan_id]
        row._state.fields_cache["partner"] = partner_of[row.partner_id]
        row.__dict__["_coverage_directions"] = sorted(
            directions[row.pk], key=lambda d: order[d.pk]
        )
        row.__dict__["_coverage_activities"] = activities_of[row.pk]
        if with_forms:
            for activity in activities_of[row.pk]:
                activity._state.fields_cache["row"] = row
    return {pk: i for i, pk in enumerate(partner_of)}


def ranks(objects) -> dict[int, int]:
    """Each object's place in an ordered list, by primary key."""
    return {obj.pk: index for index, obj in enumerate(objects)}


def partner_ranks() -> dict[int, int]:
    """Each partner's place in the one ordering of partners."""
    return {pk: i for i, pk in enumerate(Partner.objects.ordered().values_list("pk", flat=True))}


def partner_matches(partner: Partner, params: CoverageParams) -> bool:
    return params.matches_category(partner.category)


def row_directions(row: PlanRow) -> list[Direction]:
    """The row's directions, as `year_rows` loaded them (in the directions' order)."""
    cached = row.__dict__.get("_coverage_directions")
    return list(row.directions.all()) if cached is None else cached


def row_activities(row: PlanRow) -> list[Activity]:
    """The row's activities, as `year_rows` loaded them (in their order)."""
    cached = row.__dict__.get("_coverage_activities")
    return list(row.activities.all()) if cached is None else cached


def row_matches_direction(row: PlanRow, params: CoverageParams) -> bool:
    if params.no_direction:
        return not row_directions(row)
    if params.direction:
        return any(d.pk == params.direction.pk for d in row_directions(row))
    return True


def year_rows(
    units, params: CoverageParams, year: int, known: Known | None = None, with_forms=True
) -> list[PlanRow]:
    """Rows of the year's plans of these units, tier and category applied, in list order: the
    one ordering of partners, then the units' order, then the rows' order in their plan."""
    unit_pks = [u.pk for u in units]
    known = known or Known()
    if known.plans is None:
        known.plans = list(Plan.objects.filter(year=year, unit__in=unit_pks).select_related("unit"))
    if known.directions is None:
        known.directions = list(Direction.objects.all())
    query = PlanRow.objects.filter(plan__year=year, plan__unit__in=unit_pks)
    if params.tier:
        query = query.filter(partner__category__tier=params.tier)
    if params.category:
        query = query.filter(partner__category=params.category)
    rows = list(query)
    partner_rank = _attach(rows, query, known, with_forms)
    unit_rank = ranks(units)
    return sorted(
        rows,
        key=lambda r: (partner_rank[r.partner_id], unit_rank.get(r.plan.unit_id, 0), r.order, r.pk),
    )


def load_rows(user, params: CoverageParams) -> list[PlanRow]:
    """The rows of the year's plans in scope that match every filter, with their activities."""
    units = selected_units(user, params)
    rows = year_rows(units, params, params.year)
    return [r for r in rows if row_matches_direction(r, params)]


def activities(rows):
    for row in rows:
        yield from row_activities(row)


def activity_count(rows) -> int:
    return sum(len(row_activities(r)) for r in rows)


def direction_counts(rows) -> tuple[Counter, int]:
    """Activities per direction pk (an activity counts for each direction of its row), and the
    activities of rows without any direction."""
    counts: Counter = Counter()
    without = 0
    for row in rows:
        n = len(row_activities(row))
        directions = row_directions(row)
        if not directions:
            without += n
        for d in directions:
            counts[d.pk] += n
    return counts, without


@dataclass
class YearSummary:
    """What the comparison needs of a year: its partners and its activities by direction,
    counted in the database (last year's rows are never loaded as objects)."""

    partner_ids: set[int] = field(default_factory=set)
    direction_counts: Counter = field(default_factory=Counter)
    without_direction: int = 0  # activities of rows without any direction
    activity_count: int = 0


def _summary_rows(units, params: CoverageParams, year: int):
    rows = PlanRow.objects.filter(plan__year=year, plan__unit__in=[u.pk for u in units])
    if params.tier:
        rows = rows.filter(partner__category__tier=params.tier)
    if params.category:
        rows = rows.filter(partner__category=params.category)
    if params.no_direction:
        rows = rows.filter(directions__isnull=True)
    elif params.direction:
        rows = rows.filter(directions=params.direction)
    return rows.order_by()


def year_summary(units, params: CoverageParams, year: int) -> YearSummary:
    """The year's rows under every filter, summed up in two queries of plain values."""
    rows = _summary_rows(units, params, year)
    counted = Activity.objects.filter(row=OuterRef("pk")).order_by().values("row")
    counted = counted.annotate(n=Count("pk")).values("n")
    per_row = rows.annotate(n=Coalesce(Subquery(counted), 0)).values_list("pk", "partner_id", "n")
    directions_of: dict[int, list[int]] = defaultdict(list)
    links = PlanRow.directions.through.objects.filter(planrow__in=rows.values("pk"))
    for row_id, direction_id in links.values_list("planrow_id", "direction_id"):
        directions_of[row_id].append(direction_id)
    summary = YearSummary()
    for row_id, partner_id, n in per_row:
        summary.partner_ids.add(partner_id)
        summary.activity_count += n
        if not directions_of[row_id]:
            summary.without_direction += n
        for direction_id in directions_of[row_id]:
            summary.direction_counts[direction_id] += n
    return summary


def lost_partners(units, params: CoverageParams):
    """Partners in last year's rows and in none of this year's, every filter applied, in the
    one ordering of partners: a query (the registry may be long; never a list of ids)."""
    then = _summary_rows(units, params, params.year - 1).values("partner_id")
    now = _summary_rows(units, params, params.year).values("partner_id")
    return Partner.objects.ordered().filter(pk__in=then).exclude(pk__in=now)


def summarise(rows) -> YearSummary:
    """The same summary of rows loaded already (this year's)."""
    counts, without = direction_counts(rows)
    return YearSummary(
        partner_ids={r.partner_id for r in rows},
        direction_counts=counts,
        without_direction=without,
        activity_count=activity_count(rows),
    )
