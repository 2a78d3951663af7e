"""The execution view's tables as an XLSX workbook: a sheet per table and the achievements,
written through the one spreadsheet writer (text stays text, never a formula)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from plans.exports.writer import CONTENT_TYPE, Sheet, SpreadsheetWriter

from .filters import OverviewParams
from .page import Overview
from .tables import Table

__all__ = ["CONTENT_TYPE", "filename", "workbook"]

BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="E9ECEF")
OVERDUE_FONT = Font(bold=True, color="B02A37")


def filename(params: OverviewParams) -> str:
    return f"execution-{params.year}-{params.year + 1}.xlsx"


def _head(sheet: Sheet, headers: list[str], widths: list[int]) -> None:
    row = sheet.append(headers)
    for i, width in enumerate(widths, start=1):
        sheet.ws.column_dimensions[get_column_letter(i)].width = width
        sheet.cell(row, i).font = BOLD
        sheet.cell(row, i).fill = HEAD_FILL
    sheet.ws.freeze_panes = sheet.ws.cell(row + 1, 1).coordinate


def _table(writer: SpreadsheetWriter, table: Table) -> None:
    sheet = writer.sheet(table.title)
    _head(
        sheet,
        [table.corner, pgettext("overview", "Note")] + [str(c.label) for c in table.columns],
        [40, 24] + [12] * len(table.columns),
    )
    for entry in [*table.lines, table.total]:
        row = sheet.append([entry.label, entry.note] + [cell.value for cell in entry.cells])
        for i, cell in enumerate(entry.cells, start=3):
            if cell.is_bad:
                sheet.cell(row, i).font = OVERDUE_FONT
    for cell in sheet.cells(sheet.row):
        cell.font = BOLD
    if table.note:
        sheet.append([])
        sheet.append([table.note])


def _achievements(writer: SpreadsheetWriter, overview: Overview) -> None:
    sheet = writer.sheet(pgettext("overview", "Achievements"))
    _head(
        sheet,
        [
            pgettext("overview", "Achievement"),
            pgettext("overview", "Level"),
            pgettext("overview", "Awarded to"),
            pgettext("overview", "Date"),
            _("Unit"),
            _("Partner"),
            _("Activity"),
        ],
        [30, 18, 30, 12, 30, 30, 40],
    )
    for a in overview.achievements:
        activity = a.occurrence.activity
        sheet.append(
            [
                a.title,
                a.get_level_display(),
                a.name,
                a.occurrence.date,
                activity.row.plan.unit.name,
                activity.row.partner.name,
                activity.title,
            ]
        )
    for row in sheet.ws.iter_rows(min_row=2, min_col=4, max_col=4):
        for cell in row:
            cell.number_format = "DD.MM.YYYY"


def workbook(overview: Overview) -> bytes:
    writer = SpreadsheetWriter(
        title=pgettext("overview", "Execution of the plans, %(year)s")
        % {"year": overview.loaded.year_label}
    )
    for table in overview.tables:
        _table(writer, table)
    _achievements(writer, overview)
    return writer.to_bytes()
