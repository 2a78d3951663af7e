"""The execution view's tables: planned against held against overdue, by unit, partner,
category, direction and month, each number a link to the activities behind it.

Every table has the same columns (:data:`COLUMNS`); a line's counts come from
``execution.tally.group`` or ``tally.by_month``, never counted again here. A zero stays visible
(and links nowhere: nothing lies behind it).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from execution import tally
from execution.tally import Counts
from partners.models import Category, Direction
from plans.periods import month_name
from plans.review.coverage import NO_DIRECTION
from plans.review.coverage.rows import row_directions

from .filters import CANCELLED, EXTRA, HELD, OCCURRENCES, OVERDUE, PLANNED, OverviewParams
from .services import Loaded


@dataclass(frozen=True)
class Column:
    key: str  # an attribute of tally.Counts
    label: str
    status: str | None  # what the drill-down lists behind it; None: no link (a share)


COLUMNS = (
    Column("planned", pgettext_lazy("overview", "Planned"), PLANNED),
    Column("held", pgettext_lazy("overview", "Held"), HELD),
    Column("percent", "%", None),
    Column("overdue", pgettext_lazy("overview", "Overdue"), OVERDUE),
    Column("cancelled", pgettext_lazy("overview", "Cancelled"), CANCELLED),
    Column("extra", pgettext_lazy("overview", "Beyond the plan"), EXTRA),
    Column("children", pgettext_lazy("overview", "Children"), OCCURRENCES),
    Column("adults", pgettext_lazy("overview", "Adults"), OCCURRENCES),
)

COUNT_COLUMNS = tuple(c for c in COLUMNS if c.status)  # without the share (a month's)


@dataclass
class Cell:
    column: Column
    value: int | None
    url: str = ""

    @property
    def is_zero(self) -> bool:
        return self.value == 0

    @property
    def is_bad(self) -> bool:
        return self.column.key == "overdue" and bool(self.value)


@dataclass
class Line:
    label: str
    counts: Counts
    cells: list[Cell]
    url: str = ""  # the line's own page (a plan, a partner)
    note: str = ""  # «no plan for the year»
    missing: bool = False  # a unit expected to keep a plan, without one


@dataclass
class Table:
    id: str
    title: str
    corner: str
    lines: list[Line]
    total: Line
    note: str = ""
    columns: tuple[Column, ...] = field(default=COLUMNS)


def cells(counts: Counts, params: OverviewParams, share: bool = True, **drill) -> list[Cell]:
    """A line's cells; each non-zero number links to the drill-down with ``drill`` applied."""
    result = []
    for column in COLUMNS:
        if column.status is None:
            if share:
                result.append(Cell(column, counts.percent))
            continue
        value = getattr(counts, column.key)
        url = params.activities_url(status=column.status, **drill) if value else ""
        result.append(Cell(column, value, url))
    return result


def line(label, counts: Counts, params: OverviewParams, share=True, **drill) -> Line:
    return Line(str(label), counts, cells(counts, params, share, **drill))


def total_line(loaded: Loaded, share: bool = True) -> Line:
    counts = tally.total(loaded.tallies)
    return line(pgettext_lazy("overview", "Total"), counts, loaded.params, share)


def _grouped(loaded: Loaded, key: Callable[[tally.ActivityTally], Iterable[Hashable]]):
    return tally.group(loaded.tallies, key)


def unit_table(loaded: Loaded) -> Table:
    """Every unit in scope with a plan or expected to keep one: zeros and missing plans shown."""
    groups = _grouped(loaded, lambda t: [t.activity.row.plan.unit_id])
    lines = []
    for unit in loaded.units:
        plan = loaded.plans.get(unit.pk)
        if plan is None and not unit.expects_plan:
            continue
        entry = line(unit.name, groups.get(unit.pk, Counts()), loaded.params, unit=[unit.pk])
        if plan is None:
            entry.note, entry.missing = str(pgettext_lazy("overview", "no plan for the year")), True
        else:
            entry.url = plan.get_absolute_url()
        lines.append(entry)
    return Table(
        "by-unit",
        str(pgettext_lazy("overview", "By unit")),
        str(_("Unit")),
        lines,
        total_line(loaded),
    )


def partner_table(loaded: Loaded) -> Table:
    """Every partner with a row in the plans in scope, in the one ordering of partners."""
    groups = _grouped(loaded, lambda t: [t.activity.row.partner_id])
    lines, seen = [], set()
    for row in loaded.rows:
        if row.partner_id in seen:
            continue
        seen.add(row.partner_id)
        counts = groups.get(row.partner_id, Counts())
        entry = line(row.partner.name, counts, loaded.params, partner=row.partner_id)
        entry.url = row.partner.get_absolute_url()
        entry.note = row.partner.category.name
        lines.append(entry)
    return Table(
        "by-partner",
        str(pgettext_lazy("overview", "By partner")),
        str(_("Partner")),
        lines,
        total_line(loaded),
    )


def _categories(params: OverviewParams) -> list[Category]:
    if params.partner:
        return [params.partner.category]
    return [c for c in Category.objects.ordered() if params.matches_category(c)]


def category_table(loaded: Loaded) -> Table:
    groups = _grouped(loaded, lambda t: [t.activity.row.partner.category_id])
    lines = [
        line(c.name, groups.get(c.pk, Counts()), loaded.params, category=c.pk)
        for c in _categories(loaded.params)
    ]
    return Table(
        "by-category",
        str(pgettext_lazy("overview", "By category")),
        str(_("Category")),
        lines,
        total_line(loaded),
    )


def _direction_keys(t: tally.ActivityTally) -> list:
    return [d.pk for d in row_directions(t.activity.row)] or [NO_DIRECTION]


def direction_table(loaded: Loaded) -> Table:
    """Every direction (and rows without one); an activity counts in each of its row's."""
    params = loaded.params
    groups = _grouped(loaded, _direction_keys)
    lines = []
    if not params.no_direction:
        wanted = [params.direction] if params.direction else list(Direction.objects.all())
        lines = [
            line(d.name.capitalize(), groups.get(d.pk, Counts()), params, direction=d.pk)
            for d in wanted
        ]
    if params.no_direction or not params.direction:
        counts = groups.get(NO_DIRECTION, Counts())
        lines.append(line(_("No direction"), counts, params, direction=NO_DIRECTION))
    note = str(
        pgettext_lazy(
            "overview",
            "An activity counts in each direction of its row: lines may add up to more "
            "than the total.",
        )
    )
    return Table(
        "by-direction",
        str(pgettext_lazy("overview", "By direction")),
        str(pgettext_lazy("coverage", "Direction")),
        lines,
        total_line(loaded),
        note=note,
    )


def month_table(loaded: Loaded) -> Table:
    """September to August, zeros included; the months as execution.tally counts them."""
    lines = [
        line(month_name(m, capital=True), counts, loaded.params, share=False, month=m)
        for m, counts in tally.by_month(loaded.tallies)
    ]
    note = str(
        pgettext_lazy(
            "overview",
            "What was held counts, as planned and as held, in the month it was held; what is "
            "still open, overdue or cancelled counts in the month it is due by (a quarter's "
            "last month).",
        )
    )
    return Table(
        "by-month",
        str(pgettext_lazy("overview", "By month")),
        str(pgettext_lazy("overview", "Month")),
        lines,
        total_line(loaded, share=False),
        note=note,
        columns=COUNT_COLUMNS,
    )


def all_tables(loaded: Loaded) -> list[Table]:
    return [
        unit_table(loaded),
        partner_table(loaded),
        category_table(loaded),
        direction_table(loaded),
        month_table(loaded),
    ]
