"""Coverage of the partnership system: where the plans of a year have holes.

A methodist asks: which partners have a row and nothing in it, which registry partners are in
no plan, which months, categories, directions and units have nothing, which agreements run out.
Everything here is computed in Python over the year's plans, rows and activities loaded once,
so the number of queries does not depend on how many units, rows or activities there are.

Months come only from the explicit months of an activity's period (``Activity.months``). An
activity with a frequency and no months («Один раз в квартал», «В течение года») is counted in
its own column, marked as not tied to a month, and never placed into invented months.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from partners import roles
from partners.models import Agreement, Category, Direction, Partner, Tier, Unit
from plans.models import (
    Activity,
    Comment,
    Plan,
    PlanRow,
    academic_year_label,
    current_academic_year,
)
from plans.periods import ACADEMIC_MONTHS, FREQUENCY_TEXT, Frequency, month_name

NO_DIRECTION = "null"  # the filter value for rows without any direction
NO_PERIOD = "none"  # the `period` value of activities with neither months nor a frequency

# Columns of activities that are not tied to a month, in the order they are shown.
UNTIED_ORDER = [
    Frequency.YEAR_ROUND.value,
    Frequency.AS_NEEDED.value,
    Frequency.MONTHLY.value,
    Frequency.QUARTERLY.value,
    Frequency.HALF_YEAR.value,
    Frequency.TWICE_A_YEAR.value,
    Frequency.ONCE.value,
    NO_PERIOD,
]


# Short month names for the headers of matrices (Russian, as printed in tables).
MONTH_SHORT = {
    9: "Сен",
    10: "Окт",
    11: "Ноя",
    12: "Дек",
    1: "Янв",
    2: "Фев",
    3: "Мар",
    4: "Апр",
    5: "Май",
    6: "Июн",
    7: "Июл",
    8: "Авг",
}


# Short headings of the not-tied columns (Russian, as FREQUENCY_TEXT); the full text is a tooltip.
UNTIED_SHORT = {
    Frequency.YEAR_ROUND.value: "В течение года",
    Frequency.AS_NEEDED.value: "По мере необх.",
    Frequency.MONTHLY.value: "Ежемесячно",
    Frequency.QUARTERLY.value: "Раз в квартал",
    Frequency.HALF_YEAR.value: "Раз в полгода",
    Frequency.TWICE_A_YEAR.value: "2 раза в год",
    Frequency.ONCE.value: "Раз в год",
}


def untied_label(key: str):
    if key == NO_PERIOD:
        return _("No period")
    return FREQUENCY_TEXT[key]


# --------------------------------------------------------------------------- parameters


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

    def query(self, **overrides) -> str:
        """The query string of these parameters, with some replaced (None drops one)."""
        values = {
            "year": self.year,
            "unit": [u.pk for u in self.units],
            "tier": self.tier,
            "category": self.category.pk if self.category else "",
            "direction": (
                NO_DIRECTION if self.no_direction else (self.direction.pk if self.direction else "")
            ),
        }
        values.update(overrides)
        pairs = []
        for key, value in values.items():
            if isinstance(value, (list, tuple)):
                pairs.extend((key, v) for v in value)
            elif value not in (None, ""):
                pairs.append((key, value))
        return urlencode(pairs)

    def url(self, name: str, **overrides) -> str:
        query = self.query(**overrides)
        return f"{reverse(name)}?{query}" if query else reverse(name)

    def activities_url(self, **overrides) -> str:
        return self.url("coverage:activities", **overrides)


def scope_units(user):
    """Units whose coverage the user may see: all for methodists and administrators."""
    if roles.sees_all_units(user):
        return Unit.objects.all()
    if not user.is_authenticated:
        return Unit.objects.none()
    return Unit.objects.filter(members=user)


def year_choices(user) -> list[int]:
    """Academic years with a plan the user may see, and the current one, newest first."""
    years = set(Plan.objects.visible_to(user).values_list("year", flat=True).distinct())
    years.add(current_academic_year())
    return sorted(years, reverse=True)


def default_year(user) -> int:
    """The current academic year if it has a plan, else the latest year that has one."""
    current = current_academic_year()
    years = set(Plan.objects.visible_to(user).values_list("year", flat=True).distinct())
    if current in years or not years:
        return current
    past = [y for y in years if y < current]
    return max(past) if past else min(years)


def reference_day(year: int, today: date | None = None) -> date:
    """The day agreements are judged on: today, kept within the academic year."""
    today = today or timezone.localdate()
    start, end = date(year, 9, 1), date(year + 1, 8, 31)
    return min(max(today, start), end)


# --------------------------------------------------------------------------- results


@dataclass
class Cell:
    count: int
    url: str = ""

    @property
    def is_zero(self) -> bool:
        return self.count == 0


@dataclass
class MonthCount:
    month: int
    name: str
    count: int
    url: str

    @property
    def is_empty(self) -> bool:
        return self.count == 0


@dataclass
class UntiedCount:
    key: str
    label: str
    count: int
    url: str


@dataclass
class Column:
    label: str
    short: str = ""
    kind: str = ""  # "month", "untied" or "direction"

    def __str__(self) -> str:
        return self.label

    @property
    def heading(self) -> str:
        return self.short or self.label


@dataclass
class MatrixLine:
    label: str
    url: str  # where the label links (a partner, a row, a plan), "" for none
    cells: list[Cell]
    total: int
    obj: object = None
    note: str = ""  # e.g. "no plan" for a unit

    @property
    def is_empty(self) -> bool:
        return self.total == 0


@dataclass
class Matrix:
    title: str
    corner: str
    columns: list[Column]
    lines: list[MatrixLine]
    column_totals: list[int]
    # Partner × month: how many leading columns are months; the rest are not tied to a month.
    month_columns: int = 0

    @property
    def untied_columns(self) -> list[Column]:
        return self.columns[self.month_columns :] if self.month_columns else []

    @property
    def column_cells(self) -> list[tuple[Column, int]]:
        return list(zip(self.columns, self.column_totals, strict=True))

    @property
    def zero_count(self) -> int:
        """Zero cells, not counting the columns of activities not tied to a month."""
        return sum(
            1
            for line in self.lines
            for column, cell in zip(self.columns, line.cells, strict=True)
            if cell.is_zero and column.kind != "untied"
        )

    @property
    def empty_line_count(self) -> int:
        return sum(1 for line in self.lines if line.is_empty)


@dataclass
class AgreementGap:
    agreement: Agreement
    status: str
    label: str


@dataclass
class PartnerWithoutAgreement:
    partner: Partner
    rows: list[PlanRow]
    activity_count: int


@dataclass
class DirectionComparison:
    direction: Direction | None
    label: str
    then: int
    now: int

    @property
    def change(self) -> int:
        return self.now - self.then


@dataclass
class Comparison:
    year_label: str
    last_year_label: str
    had_plans: bool
    gained: list[Partner]
    lost: list[Partner]
    directions: list[DirectionComparison]
    activities_then: int
    activities_now: int
    partners_then: int
    partners_now: int


@dataclass
class Coverage:
    params: CoverageParams
    units: list[Unit]
    plans: list[Plan]
    rows: list[PlanRow]
    activity_count: int
    empty_rows: list[PlanRow]
    unplanned_partners: list[Partner]
    months: list[MonthCount]
    untied: list[UntiedCount]
    categories_without_partners: list[Category]
    directions_without_activities: list[Direction]
    units_without_plan: list[Unit]
    agreements_ending: list[AgreementGap]
    partners_without_agreement: list[PartnerWithoutAgreement]
    partner_month: Matrix
    category_direction: Matrix
    unit_direction: Matrix
    comparison: Comparison
    reference_day: date

    @property
    def year_label(self) -> str:
        return academic_year_label(self.params.year)

    @property
    def empty_months(self) -> list[MonthCount]:
        return [m for m in self.months if m.is_empty]

    @property
    def untied_total(self) -> int:
        return sum(u.count for u in self.untied)

    @property
    def empty_partners(self) -> list[Partner]:
        """Partners with a row and no activity, each once, in the order of their rows."""
        seen, result = set(), []
        for row in self.empty_rows:
            if row.partner_id not in seen:
                seen.add(row.partner_id)
                result.append(row.partner)
        return result

    @property
    def gap_count(self) -> int:
        return (
            len(self.empty_rows)
            + len(self.unplanned_partners)
            + len(self.empty_months)
            + len(self.categories_without_partners)
            + len(self.directions_without_activities)
            + len(self.units_without_plan)
            + len(self.agreements_ending)
            + len(self.partners_without_agreement)
        )


# --------------------------------------------------------------------------- loading


def _row_queryset():
    return PlanRow.objects.select_related(
        "plan", "plan__unit", "partner", "partner__category"
    ).prefetch_related(
        "directions",
        Prefetch("activities", queryset=Activity.objects.select_related("form")),
    )


def _tier_order(category: Category) -> int:
    return 0 if category.tier == Tier.INTERNAL else 1


def row_sort_key(row: PlanRow):
    """Rows as a plan prints them (plans.table): internal rows first in their plan's order,
    then external rows by category; rows of several units side by side within a group."""
    category = row.partner.category
    unit = row.plan.unit
    if category.is_internal:
        return (0, 0, "", row.order, unit.order, unit.name, row.pk)
    return (1, category.order, category.name, row.order, unit.order, unit.name, row.pk)


def _partner_matches(partner: Partner, params: CoverageParams) -> bool:
    if params.tier and partner.category.tier != params.tier:
        return False
    return not (params.category and partner.category_id != params.category.pk)


def _row_directions(row: PlanRow) -> list[Direction]:
    return list(row.directions.all())


def _row_matches_direction(row: PlanRow, params: CoverageParams) -> bool:
    if params.no_direction:
        return not _row_directions(row)
    if params.direction:
        return any(d.pk == params.direction.pk for d in _row_directions(row))
    return True


def _load_rows(unit_pks, params: CoverageParams, year: int) -> list[PlanRow]:
    """Rows of the year's plans of these units, tier and category applied, in plan order."""
    rows = _row_queryset().filter(plan__year=year, plan__unit__in=unit_pks)
    if params.tier:
        rows = rows.filter(partner__category__tier=params.tier)
    if params.category:
        rows = rows.filter(partner__category=params.category)
    return sorted(rows, key=row_sort_key)


def load_rows(user, params: CoverageParams) -> list[PlanRow]:
    """The rows of the year's plans in scope that match every filter, with their activities."""
    unit_pks = [u.pk for u in selected_units(user, params)]
    return [
        r for r in _load_rows(unit_pks, params, params.year) if _row_matches_direction(r, params)
    ]


def selected_units(user, params: CoverageParams) -> list[Unit]:
    allowed = list(scope_units(user).select_related("institution"))
    if params.units:
        wanted = {u.pk for u in params.units}
        return [u for u in allowed if u.pk in wanted]
    return allowed


# --------------------------------------------------------------------------- rules


def month_counts(activities) -> Counter:
    """Activities per calendar month, from explicit months only."""
    counts: Counter = Counter()
    for activity in activities:
        for m in ACADEMIC_MONTHS:
            if activity.months & (1 << (m - 1)):
                counts[m] += 1
    return counts


def untied_key(activity: Activity) -> str | None:
    """The not-tied-to-a-month column of an activity, None if it has explicit months."""
    if activity.months:
        return None
    return activity.frequency or NO_PERIOD


def activity_in_month(activity: Activity, month: int) -> bool:
    return bool(activity.months & (1 << (month - 1)))


def _activities(rows):
    for row in rows:
        yield from row.activities.all()


def _direction_counts(rows) -> tuple[Counter, int]:
    """Activities per direction pk (an activity counts for each direction of its row)."""
    counts: Counter = Counter()
    without = 0
    for row in rows:
        n = len(row.activities.all())
        directions = _row_directions(row)
        if not directions:
            without += n
        for d in directions:
            counts[d.pk] += n
    return counts, without


def _partner_month_matrix(rows, params: CoverageParams) -> Matrix:
    by_partner: dict[int, list[PlanRow]] = {}
    for row in rows:  # rows are sorted already, so partners come in plan order
        by_partner.setdefault(row.partner_id, []).append(row)
    untied_present = {untied_key(a) for a in _activities(rows) if untied_key(a) is not None}
    untied_keys = [k for k in UNTIED_ORDER if k in untied_present]
    columns = [
        Column(month_name(m, capital=True), MONTH_SHORT[m], "month") for m in ACADEMIC_MONTHS
    ]
    columns += [
        Column(str(untied_label(k)), UNTIED_SHORT.get(k, ""), "untied") for k in untied_keys
    ]
    lines = []
    totals = [0] * len(columns)
    for partner_rows in by_partner.values():
        partner = partner_rows[0].partner
        activities = list(_activities(partner_rows))
        months = month_counts(activities)
        untied = Counter(untied_key(a) for a in activities)
        counts = [months[m] for m in ACADEMIC_MONTHS] + [untied[k] for k in untied_keys]
        cells = []
        for i, count in enumerate(counts):
            totals[i] += count
            if not count:
                cells.append(Cell(0))
            elif i < len(ACADEMIC_MONTHS):
                cells.append(
                    Cell(count, params.activities_url(partner=partner.pk, month=ACADEMIC_MONTHS[i]))
                )
            else:
                key = untied_keys[i - len(ACADEMIC_MONTHS)]
                cells.append(Cell(count, params.activities_url(partner=partner.pk, period=key)))
        link = (
            partner_rows[0].get_absolute_url()
            if len(partner_rows) == 1
            else (partner.get_absolute_url())
        )
        lines.append(MatrixLine(partner.name, link, cells, len(activities), obj=partner))
    return Matrix(
        title=str(_("Partners by month")),
        corner=str(_("Partner")),
        columns=columns,
        lines=lines,
        column_totals=totals,
        month_columns=len(ACADEMIC_MONTHS),
    )


def _direction_columns(directions, rows, params):
    """The direction columns of a matrix: the filtered directions, and «no direction»."""
    columns: list[Direction | None] = []
    if params.no_direction:
        return [None]
    columns.extend(directions)
    if not params.direction and any(not _row_directions(r) and r.activities.all() for r in rows):
        columns.append(None)
    return columns


def _direction_cells(rows, columns, params, **link):
    counts, without = _direction_counts(rows)
    cells = []
    for d in columns:
        count = without if d is None else counts[d.pk]
        key = NO_DIRECTION if d is None else d.pk
        url = params.activities_url(direction=key, **link) if count else ""
        cells.append(Cell(count, url))
    return cells


def _label_direction(d: Direction | None) -> str:
    return str(_("No direction")) if d is None else d.name.capitalize()


def _category_direction_matrix(rows, categories, directions, params) -> Matrix:
    columns = _direction_columns(directions, rows, params)
    by_category: dict[int, list[PlanRow]] = defaultdict(list)
    for row in rows:
        by_category[row.partner.category_id].append(row)
    lines = []
    for category in categories:
        cells = _direction_cells(by_category[category.pk], columns, params, category=category.pk)
        total = sum(len(r.activities.all()) for r in by_category[category.pk])
        lines.append(MatrixLine(category.name, "", cells, total, obj=category))
    return Matrix(
        title=str(_("Categories by direction")),
        corner=str(_("Category")),
        columns=[Column(_label_direction(d), "", "direction") for d in columns],
        lines=lines,
        column_totals=[sum(line.cells[i].count for line in lines) for i in range(len(columns))],
    )


def _unit_direction_matrix(rows, units, plans_by_unit, directions, params) -> Matrix:
    columns = _direction_columns(directions, rows, params)
    by_unit: dict[int, list[PlanRow]] = defaultdict(list)
    for row in rows:
        by_unit[row.plan.unit_id].append(row)
    lines = []
    for unit in units:
        plan = plans_by_unit.get(unit.pk)
        cells = _direction_cells(by_unit[unit.pk], columns, params, unit=[unit.pk])
        total = sum(len(r.activities.all()) for r in by_unit[unit.pk])
        note = "" if plan else pgettext("coverage", "no plan")
        lines.append(
            MatrixLine(
                unit.name,
                plan.get_absolute_url() if plan else "",
                cells,
                total,
                obj=unit,
                note=note,
            )
        )
    return Matrix(
        title=str(_("Units by direction")),
        corner=str(_("Unit")),
        columns=[Column(_label_direction(d), "", "direction") for d in columns],
        lines=lines,
        column_totals=[sum(line.cells[i].count for line in lines) for i in range(len(columns))],
    )


def _agreement_gaps(agreements, rows, params, day):
    """Agreements that expired or expire soon (and are not renewed); partners without one."""
    in_force = {Agreement.Status.IN_FORCE, Agreement.Status.EXPIRING}
    # An agreement that runs out is no gap when the same holder has another one going on.
    renewed = {
        (a.partner_id, a.unit_id)
        for a in agreements
        if a.status_on(day) in {Agreement.Status.IN_FORCE, Agreement.Status.NOT_STARTED}
    }
    year_start = date(params.year, 9, 1)
    ending = []
    for a in agreements:
        if not _partner_matches(a.partner, params):
            continue
        status = a.status_on(day)
        if status not in {Agreement.Status.EXPIRED, Agreement.Status.EXPIRING}:
            continue
        if (a.partner_id, a.unit_id) in renewed:
            continue
        if status == Agreement.Status.EXPIRED and a.valid_until < year_start:
            continue  # ran out before this year began: history, not a gap of this year
        ending.append(AgreementGap(a, status, str(Agreement.Status(status).label)))
    ending.sort(key=lambda g: (g.agreement.valid_until or date.max, g.agreement.partner.name))

    covered = {(a.partner_id, a.unit_id) for a in agreements if a.status_on(day) in in_force}
    without: dict[int, PartnerWithoutAgreement] = {}
    for row in rows:
        if row.partner.category.tier != Tier.EXTERNAL:
            continue  # units of the institution and parents need no agreement
        n = len(row.activities.all())
        if not n or (row.partner_id, row.plan.unit_id) in covered:
            continue
        entry = without.setdefault(row.partner_id, PartnerWithoutAgreement(row.partner, [], 0))
        entry.rows.append(row)
        entry.activity_count += n
    return ending, list(without.values())


def _comparison(rows, last_rows, directions, params, had_plans) -> Comparison:
    now_partners = {r.partner_id: r.partner for r in rows}
    then_partners = {r.partner_id: r.partner for r in last_rows}
    now_counts, now_without = _direction_counts(rows)
    then_counts, then_without = _direction_counts(last_rows)
    lines = [
        DirectionComparison(d, _label_direction(d), then_counts[d.pk], now_counts[d.pk])
        for d in directions
    ]
    if now_without or then_without or params.no_direction:
        lines.append(DirectionComparison(None, _label_direction(None), then_without, now_without))

    def by_name(partners):
        return sorted(partners, key=lambda p: (_tier_order(p.category), p.category.order, p.name))

    return Comparison(
        year_label=academic_year_label(params.year),
        last_year_label=academic_year_label(params.year - 1),
        had_plans=had_plans,
        gained=by_name(p for pk, p in now_partners.items() if pk not in then_partners),
        lost=by_name(p for pk, p in then_partners.items() if pk not in now_partners),
        directions=lines,
        activities_then=sum(len(r.activities.all()) for r in last_rows),
        activities_now=sum(len(r.activities.all()) for r in rows),
        partners_then=len(then_partners),
        partners_now=len(now_partners),
    )


def build_coverage(user, params: CoverageParams, today: date | None = None) -> Coverage:
    """Everything the coverage page shows, in a fixed number of queries."""
    units = selected_units(user, params)
    unit_pks = [u.pk for u in units]
    both_years = list(
        Plan.objects.filter(
            year__in=[params.year, params.year - 1], unit__in=unit_pks
        ).select_related("unit")
    )
    plans = [p for p in both_years if p.year == params.year]
    had_plans = any(p.year == params.year - 1 for p in both_years)
    plans_by_unit = {p.unit_id: p for p in plans}

    categories = sorted(
        (c for c in Category.objects.all() if _category_matches(c, params)),
        key=lambda c: (_tier_order(c), c.order, c.name),
    )
    all_directions = list(Direction.objects.all())
    if params.no_direction:
        directions = []
    elif params.direction:
        directions = [d for d in all_directions if d.pk == params.direction.pk]
    else:
        directions = all_directions

    # All rows of the year in scope (tier and category applied; direction applied below).
    year_rows = _load_rows(unit_pks, params, params.year)
    rows = [r for r in year_rows if _row_matches_direction(r, params)]
    activities = list(_activities(rows))

    # Gaps.
    empty_rows = [r for r in rows if not r.activities.all()]
    planned_partner_ids = {r.partner_id for r in year_rows}
    registry = Partner.objects.active().select_related("category").order_by("name")
    unplanned = [
        p for p in registry if p.pk not in planned_partner_ids and _partner_matches(p, params)
    ]
    unplanned.sort(key=lambda p: (_tier_order(p.category), p.category.order, p.name))

    months = month_counts(activities)
    month_list = [
        MonthCount(
            m,
            month_name(m, capital=True),
            months[m],
            params.activities_url(month=m) if months[m] else "",
        )
        for m in ACADEMIC_MONTHS
    ]
    untied = Counter(untied_key(a) for a in activities if untied_key(a) is not None)
    untied_list = [
        UntiedCount(k, str(untied_label(k)), untied[k], params.activities_url(period=k))
        for k in UNTIED_ORDER
        if untied[k]
    ]

    categories_in_plans = {r.partner.category_id for r in year_rows}
    categories_without = [c for c in categories if c.pk not in categories_in_plans]
    direction_counts, _without = _direction_counts(rows)
    directions_without = [d for d in directions if not direction_counts[d.pk]]
    units_without_plan = [u for u in units if u.pk not in plans_by_unit]

    day = reference_day(params.year, today)
    agreements = list(
        Agreement.objects.filter(unit__in=unit_pks).select_related(
            "partner", "partner__category", "unit"
        )
    )
    agreements_ending, without_agreement = _agreement_gaps(agreements, rows, params, day)

    # Last year, with the same filters.
    last_rows = [
        r
        for r in _load_rows(unit_pks, params, params.year - 1)
        if _row_matches_direction(r, params)
    ]

    return Coverage(
        params=params,
        units=units,
        plans=plans,
        rows=rows,
        activity_count=len(activities),
        empty_rows=empty_rows,
        unplanned_partners=unplanned,
        months=month_list,
        untied=untied_list,
        categories_without_partners=categories_without,
        directions_without_activities=directions_without,
        units_without_plan=units_without_plan,
        agreements_ending=agreements_ending,
        partners_without_agreement=without_agreement,
        partner_month=_partner_month_matrix(rows, params),
        category_direction=_category_direction_matrix(rows, categories, directions, params),
        unit_direction=_unit_direction_matrix(rows, units, plans_by_unit, directions, params),
        comparison=_comparison(rows, last_rows, directions, params, had_plans),
        reference_day=day,
    )


def _category_matches(category: Category, params: CoverageParams) -> bool:
    if params.tier and category.tier != params.tier:
        return False
    return not (params.category and category.pk != params.category.pk)


# --------------------------------------------------------------------------- drill-down


@dataclass
class ActivityQuery:
    """A drill-down from a cell: the activities behind it."""

    partner: Partner | None = None
    month: int | None = None
    period: str = ""  # a frequency value or NO_PERIOD: activities not tied to a month


def matching_activities(user, params: CoverageParams, query: ActivityQuery):
    """(activity, row) pairs of the year in scope that match the filters and the query."""
    rows = load_rows(user, params)
    result = []
    for row in rows:
        if query.partner and row.partner_id != query.partner.pk:
            continue
        for activity in row.activities.all():
            if query.month and not activity_in_month(activity, query.month):
                continue
            if query.period and untied_key(activity) != query.period:
                continue
            result.append((activity, row))
    return result


# --------------------------------------------------------------------------- comments


def open_comments(plan: Plan) -> list[Comment]:
    return list(
        plan.comments.filter(resolved_at__isnull=True).select_related(
            "author", "row", "row__partner", "plan"
        )
    )
