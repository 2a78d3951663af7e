"""The coverage view as an XLSX workbook: a summary, one sheet per kind of gap, the matrices and
the comparison with last year. Written through the one spreadsheet writer (text stays text)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from plans.exports.writer import Sheet, SpreadsheetWriter
from plans.review.coverage import REGULAR_MARK, Coverage, Matrix, gap_lines
from plans.review.coverage.matrices import Cell

ZERO_FILL = PatternFill("solid", fgColor="F8D7DA")  # the page's «zero» red, light
EMPTY_LINE_FILL = PatternFill("solid", fgColor="F1AEB5")
HEAD_FILL = PatternFill("solid", fgColor="E9ECEF")
OFF_FILL = PatternFill("solid", fgColor="F1F3F5")  # a summer month: shown, not checked
BOLD = Font(bold=True)
ZERO_FONT = Font(bold=True, color="B02A37")
WRAP = Alignment(wrap_text=True, vertical="top")


def cell_value(cell: Cell) -> int | str:
    """A matrix cell in the workbook: a number of activities, with the mark of regular work."""
    if cell.regular or (cell.is_zero and cell.off):
        return cell.text
    return cell.count


def filter_summary(report: Coverage) -> list[tuple[str, str]]:
    """The filters of the view in words, for the head of an export."""
    from partners.models import Tier

    params = report.params
    units = ", ".join(u.name for u in params.units) if params.units else _("all units")
    lines = [
        (_("Academic year"), report.year_label),
        (pgettext("coverage", "Units"), units),
    ]
    if params.tier:
        lines.append((_("Tier"), str(Tier(params.tier).label)))
    if params.category:
        lines.append((_("Category"), params.category.name))
    if params.no_direction:
        lines.append((pgettext("coverage", "Direction"), _("No direction")))
    elif params.direction:
        lines.append((pgettext("coverage", "Direction"), params.direction.name))
    return lines


class CoverageWorkbook:
    """Builds the workbook sheet by sheet; `to_bytes()` gives the file."""

    def __init__(self, report: Coverage, base_url: str = ""):
        self.report = report
        self.base_url = base_url
        self.writer = SpreadsheetWriter()

    def to_bytes(self) -> bytes:
        self.summary()
        self.empty_rows()
        self.unplanned_partners()
        self.months()
        self.registry_gaps()
        self.agreements()
        self.matrices()
        self.comparison()
        return self.writer.to_bytes()

    # --- helpers ----------------------------------------------------------------------------
    def table(self, title: str, headers: list[str], widths: list[int]) -> Sheet:
        sheet = self.writer.sheet(title)
        sheet.append(headers)
        for i, width in enumerate(widths, start=1):
            sheet.ws.column_dimensions[get_column_letter(i)].width = width
            cell = sheet.cell(1, i)
            cell.font = BOLD
            cell.fill = HEAD_FILL
            cell.alignment = WRAP
        sheet.ws.freeze_panes = "A2"
        return sheet

    def listing(self, title: str, headers: list[str], widths: list[int], rows: list) -> Sheet:
        """A sheet of one kind of gap: a line per item, or a line saying there is none."""
        sheet = self.table(title, headers, widths)
        for values in rows:
            sheet.append(values)
        if not rows:
            sheet.append([_("None: no gap of this kind.")] + [""] * (len(headers) - 1))
        return sheet

    # --- sheets -----------------------------------------------------------------------------
    def summary(self) -> None:
        report = self.report
        sheet = self.writer.sheet(pgettext("coverage", "Summary"))
        sheet.append([_("Coverage of social partnership")])
        sheet.cell(1, 1).font = Font(bold=True, size=14)
        for label, value in filter_summary(report):
            sheet.append([label, value])
        sheet.append([_("Plans"), len(report.plans)])
        sheet.append([_("Activities"), report.activity_count])
        sheet.append([])
        row = sheet.append([pgettext("coverage", "Gap"), pgettext("coverage", "How many")])
        for cell in sheet.cells(row):
            cell.font = BOLD
            cell.fill = HEAD_FILL
        for label, count in gap_lines(report):
            row = sheet.append([label, count])
            if count:
                sheet.cell(row, 2).fill = ZERO_FILL
                sheet.cell(row, 2).font = ZERO_FONT
        sheet.ws.column_dimensions["A"].width = 60
        sheet.ws.column_dimensions["B"].width = 40

    def empty_rows(self) -> None:
        """Partners with a row and no activity: the sheet this export exists for."""
        rows = [
            [
                row.partner.name,
                row.partner.category.name,
                row.plan.unit.name,
                str(row.plan.get_status_display()),
                f"{self.base_url}{row.get_absolute_url()}",
            ]
            for row in self.report.empty_rows
        ]
        self.listing(
            _("Partners without activities"),
            [_("Partner"), _("Category"), _("Unit"), _("Plan status"), _("Link to the row")],
            [45, 35, 40, 16, 60],
            rows,
        )

    def unplanned_partners(self) -> None:
        """Every partner in no plan (thousands in a large registry): each tier's label is
        translated once."""
        partners = self.report.unplanned_partners
        tiers: dict[str, str] = {}
        for p in partners:
            if p.category.tier not in tiers:
                tiers[p.category.tier] = str(p.category.get_tier_display())
        self.listing(
            _("Partners in no plan"),
            [_("Partner"), _("Category"), _("Tier")],
            [50, 40, 25],
            [[p.name, p.category.name, tiers[p.category.tier]] for p in partners],
        )

    def registry_gaps(self) -> None:
        report = self.report
        self.listing(
            _("Categories without partners"),
            [_("Category"), _("Tier")],
            [50, 25],
            [[c.name, str(c.get_tier_display())] for c in report.categories_without_partners],
        )
        self.listing(
            _("Directions without activities"),
            [pgettext("coverage", "Direction")],
            [50],
            [[d.name] for d in report.directions_without_activities],
        )
        self.listing(
            _("Units without a plan"),
            [_("Unit"), pgettext("coverage", "Kind")],
            [50, 30],
            [[u.name, str(u.get_kind_display())] for u in report.units_without_plan],
        )

    def months(self) -> None:
        sheet = self.table(
            pgettext("coverage", "Months"),
            [
                pgettext("coverage", "Month"),
                _("Activities pinned to the month"),
                _("Regular work spanning the month"),
                _("Working month"),
                pgettext("coverage", "Gap"),
            ],
            [40, 18, 18, 14, 14],
        )
        yes = pgettext("coverage", "yes")
        for month in self.report.months:
            row = sheet.append(
                [
                    month.name,
                    month.count,
                    month.regular,
                    yes if month.working else _("no (holidays)"),
                    yes if month.is_empty else "",
                ]
            )
            fill = ZERO_FILL if month.is_empty else None if month.working else OFF_FILL
            if fill:
                for column in range(1, 6):
                    sheet.cell(row, column).fill = fill
        for heading, items in [
            (pgettext("coverage", "Regular work"), self.report.regular_work),
            (pgettext("coverage", "Listed apart"), self.report.listed_apart),
        ]:
            sheet.append([])
            row = sheet.append([heading, ""])
            sheet.cell(row, 1).font = BOLD
            for item in items:
                sheet.append([item.label, item.count, ""])

    def agreements(self) -> None:
        report = self.report
        sheet = self.listing(
            _("Agreements running out"),
            [
                _("Partner"),
                _("Unit"),
                pgettext("coverage", "Number"),
                pgettext("coverage", "Valid from"),
                pgettext("coverage", "Valid until"),
                _("Status"),
            ],
            [45, 40, 14, 14, 14, 22],
            [
                [
                    g.agreement.partner.name,
                    g.agreement.unit.name,
                    g.agreement.number,
                    g.agreement.valid_from,
                    g.agreement.valid_until,
                    g.label,
                ]
                for g in report.agreements_ending
            ],
        )
        for row in range(2, 2 + len(report.agreements_ending)):
            for column in (4, 5):
                sheet.cell(row, column).number_format = "DD.MM.YYYY"
        self.listing(
            _("No agreement in force"),
            [_("Partner"), _("Category"), pgettext("coverage", "Units"), _("Activities")],
            [45, 35, 50, 14],
            [
                [
                    e.partner.name,
                    e.partner.category.name,
                    ", ".join(sorted({r.plan.unit.name for r in e.rows})),
                    e.activity_count,
                ]
                for e in report.partners_without_agreement
            ],
        )

    def matrices(self) -> None:
        report = self.report
        self.matrix(_("Partner × month"), report.partner_month)
        self.matrix(_("Category × direction"), report.category_direction)
        self.matrix(_("Unit × direction"), report.unit_direction)

    def matrix(self, title: str, matrix: Matrix) -> None:
        total = pgettext("coverage", "Total")
        headers = [matrix.corner] + [c.label for c in matrix.columns] + [total]
        sheet = self.table(title, headers, [45] + [12] * len(matrix.columns) + [10])
        for line in matrix.lines:
            label = f"{line.label} ({line.note})" if line.note else line.label
            row = sheet.append([label] + [cell_value(c) for c in line.cells] + [line.total])
            for i, cell in enumerate(line.cells, start=2):
                if cell.off:
                    sheet.cell(row, i).fill = OFF_FILL
                elif cell.is_gap and line.is_empty:
                    sheet.cell(row, i).fill = ZERO_FILL
                    sheet.cell(row, i).font = ZERO_FONT
            if line.is_empty:
                sheet.cell(row, 1).fill = EMPTY_LINE_FILL
                sheet.cell(row, len(headers)).fill = EMPTY_LINE_FILL
        values = [cell_value(c) for c in matrix.totals]
        row = sheet.append([total] + values + [sum(matrix.column_totals)])
        for i in range(1, len(headers) + 1):
            sheet.cell(row, i).font = BOLD
        for i, cell in enumerate(matrix.totals, start=2):
            if cell.is_gap and matrix.columns[i - 2].kind != "untied":
                sheet.cell(row, i).fill = EMPTY_LINE_FILL
        if matrix.month_columns:
            self.legend(sheet)
        sheet.ws.freeze_panes = "B2"

    def legend(self, sheet: Sheet) -> None:
        sheet.append([])
        for text in [
            _("A number: activities pinned to the month."),
            _("%(mark)s: regular work spanning the month (a frequency with no months).")
            % {"mark": REGULAR_MARK},
            _("Red: a gap (a partner with nothing, or a working month with nothing at all)."),
            _("Grey: a month outside the working months, not checked."),
        ]:
            sheet.append([text])

    def comparison(self) -> None:
        comparison = self.report.comparison
        sheet = self.table(
            _("Against last year"),
            [
                pgettext("coverage", "Direction"),
                comparison.last_year_label,
                comparison.year_label,
                pgettext("coverage", "Difference"),
            ],
            [45, 14, 14, 14],
        )
        for line in comparison.directions:
            sheet.append([line.label, line.then, line.now, line.change])
        then, now = comparison.activities_then, comparison.activities_now
        sheet.append([_("Activities in all"), then, now, now - then])
        then, now = comparison.partners_then, comparison.partners_now
        sheet.append([_("Partners in plans"), then, now, now - then])
        for heading, partners in [
            (_("Partners gained"), comparison.gained),
            (_("Partners lost"), comparison.lost),
        ]:
            sheet.append([])
            row = sheet.append([heading])
            sheet.cell(row, 1).font = BOLD
            for partner in partners:
                sheet.append([partner.name])
