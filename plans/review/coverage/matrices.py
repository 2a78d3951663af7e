"""The coverage's matrices: partner × month, category × direction, unit × direction.

Every non-empty cell links to the activities behind it (the drill-down page). In partner × month
a cell counts the activities pinned to the month and marks regular work spanning it; a summer
month outside the working months is shown but is never a gap.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from partners.models import Direction
from plans.models import PlanRow
from plans.periods import ACADEMIC_MONTHS, month_name, month_short
from plans.review.coverage.months import (
    APART_ORDER,
    REGULAR_MARK,
    UNTIED_SHORT,
    month_counts,
    untied_counts,
    untied_key,
    untied_label,
)
from plans.review.coverage.params import NO_DIRECTION, CoverageParams
from plans.review.coverage.rows import (
    activities,
    activity_count,
    direction_counts,
    row_activities,
    row_directions,
)


@dataclass
class Cell:
    count: int  # activities (in a month column: those pinned to the month)
    url: str = ""
    regular: int = 0  # regular work spanning the month (month columns only)
    off: bool = False  # a month outside the working months: never a gap

    @property
    def is_zero(self) -> bool:
        """Nothing at all: no activity and no regular work."""
        return self.count == 0 and self.regular == 0

    @property
    def is_gap(self) -> bool:
        """A true gap: nothing, where something is expected."""
        return self.is_zero and not self.off

    @property
    def text(self) -> str:
        """The cell in words for exports: «3», «●», «3 ●», «0», or «» for an empty summer month."""
        if self.is_zero:
            return "" if self.off else "0"
        parts = [str(self.count)] if self.count else []
        if self.regular:
            parts.append(REGULAR_MARK)
        return " ".join(parts)


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
    expected: bool = True  # whether an empty line is a gap (a unit that keeps no plan is not)

    @property
    def is_empty(self) -> bool:
        """An empty line that is a gap."""
        return self.total == 0 and self.expected


@dataclass
class Matrix:
    title: str
    corner: str
    columns: list[Column]
    lines: list[MatrixLine]
    totals: list[Cell]
    # Partner × month: how many leading columns are months; the rest are listed apart.
    month_columns: int = 0

    @property
    def untied_columns(self) -> list[Column]:
        return self.columns[self.month_columns :] if self.month_columns else []

    @property
    def column_totals(self) -> list[int]:
        return [cell.count for cell in self.totals]

    @property
    def column_cells(self) -> list[tuple[Column, Cell]]:
        return list(zip(self.columns, self.totals, strict=True))

    @property
    def has_regular(self) -> bool:
        return any(cell.regular for cell in self.totals)

    @property
    def zero_count(self) -> int:
        """Cells that are gaps, not counting the columns listed apart."""
        return sum(
            1
            for line in self.lines
            for column, cell in zip(self.columns, line.cells, strict=True)
            if cell.is_gap and column.kind != "untied"
        )

    @property
    def empty_line_count(self) -> int:
        return sum(1 for line in self.lines if line.is_empty)


def _column_totals(lines: list[MatrixLine], width: int) -> list[Cell]:
    totals = []
    for i in range(width):
        cells = [line.cells[i] for line in lines]
        off = bool(cells) and all(c.off for c in cells)
        totals.append(Cell(sum(c.count for c in cells), "", sum(c.regular for c in cells), off))
    return totals


# --------------------------------------------------------------------------- partner × month


def _month_columns(untied_keys: list[str]) -> list[Column]:
    columns = [
        Column(month_name(m, capital=True), month_short(m), "month") for m in ACADEMIC_MONTHS
    ]
    columns += [
        Column(str(untied_label(k)), UNTIED_SHORT.get(k, ""), "untied") for k in untied_keys
    ]
    return columns


def _partner_cells(partner, partner_activities, untied_keys, params, working) -> list[Cell]:
    pinned, regular = month_counts(partner_activities, working)
    untied = untied_counts(partner_activities)
    cells = []
    for m in ACADEMIC_MONTHS:
        url = params.activities_url(partner=partner.pk, month=m) if pinned[m] or regular[m] else ""
        cells.append(Cell(pinned[m], url, regular[m], off=m not in working))
    for key in untied_keys:
        url = params.activities_url(partner=partner.pk, period=key) if untied[key] else ""
        cells.append(Cell(untied[key], url))
    return cells


def partner_month_matrix(rows, params: CoverageParams, working) -> Matrix:
    by_partner: dict[int, list[PlanRow]] = {}
    for row in rows:  # rows are sorted already, so partners come in list order
        by_partner.setdefault(row.partner_id, []).append(row)
    untied_present = {untied_key(a) for a in activities(rows)} - {None}
    untied_keys = [k for k in APART_ORDER if k in untied_present]
    columns = _month_columns(untied_keys)
    lines = []
    for partner_rows in by_partner.values():
        partner = partner_rows[0].partner
        partner_activities = list(activities(partner_rows))
        cells = _partner_cells(partner, partner_activities, untied_keys, params, working)
        # One row: link to it in its plan; several (units): to the partner's card.
        link = partner_rows[0] if len(partner_rows) == 1 else partner
        lines.append(
            MatrixLine(
                partner.name, link.get_absolute_url(), cells, len(partner_activities), obj=partner
            )
        )
    return Matrix(
        title=str(_("Partners by month")),
        corner=str(_("Partner")),
        columns=columns,
        lines=lines,
        totals=_column_totals(lines, len(columns)),
        month_columns=len(ACADEMIC_MONTHS),
    )


# --------------------------------------------------------------------------- × direction


def label_direction(d: Direction | None) -> str:
    return str(_("No direction")) if d is None else d.name.capitalize()


def _direction_columns(directions, rows, params) -> list[Direction | None]:
    """The direction columns of a matrix: the filtered directions, and «no direction»."""
    if params.no_direction:
        return [None]
    columns: list[Direction | None] = list(directions)
    if not params.direction and any(not row_directions(r) and row_activities(r) for r in rows):
        columns.append(None)
    return columns


def _direction_cells(rows, columns, params, **link) -> list[Cell]:
    counts, without = direction_counts(rows)
    cells = []
    for d in columns:
        count = without if d is None else counts[d.pk]
        key = NO_DIRECTION if d is None else d.pk
        url = params.activities_url(direction=key, **link) if count else ""
        cells.append(Cell(count, url))
    return cells


def _direction_matrix(title, corner, columns, lines) -> Matrix:
    return Matrix(
        title=str(title),
        corner=str(corner),
        columns=[Column(label_direction(d), "", "direction") for d in columns],
        lines=lines,
        totals=_column_totals(lines, len(columns)),
    )


def category_direction_matrix(rows, categories, directions, params) -> Matrix:
    columns = _direction_columns(directions, rows, params)
    by_category: dict[int, list[PlanRow]] = defaultdict(list)
    for row in rows:
        by_category[row.partner.category_id].append(row)
    lines = []
    for category in categories:
        category_rows = by_category[category.pk]
        cells = _direction_cells(category_rows, columns, params, category=category.pk)
        total = activity_count(category_rows)
        lines.append(MatrixLine(category.name, "", cells, total, obj=category))
    return _direction_matrix(_("Categories by direction"), _("Category"), columns, lines)


def unit_direction_matrix(rows, units, plans_by_unit, directions, params) -> Matrix:
    columns = _direction_columns(directions, rows, params)
    by_unit: dict[int, list[PlanRow]] = defaultdict(list)
    for row in rows:
        by_unit[row.plan.unit_id].append(row)
    lines = []
    for unit in units:
        plan = plans_by_unit.get(unit.pk)
        cells = _direction_cells(by_unit[unit.pk], columns, params, unit=[unit.pk])
        url = plan.get_absolute_url() if plan else ""
        note = "" if plan else pgettext("coverage", "no plan")
        total = activity_count(by_unit[unit.pk])
        expected = bool(plan) or unit.expects_plan
        for cell in cells:
            cell.off = not expected  # a unit that keeps no plan has no gaps
        line = MatrixLine(unit.name, url, cells, total, obj=unit, note=note, expected=expected)
        lines.append(line)
    return _direction_matrix(_("Units by direction"), _("Unit"), columns, lines)
