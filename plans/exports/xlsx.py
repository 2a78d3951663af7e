"""XLSX of a plan: one line per activity, for counting and filtering, and for importing back.

The contract (issue 9): the workbook carries every field of a row and an activity, and
`manage.py import_plan` reads every one of them back, so export → import → export gives the
same cells. Columns: line number, partner, category, tier, directions, characteristic, activity,
form, period as printed, one column per month of the academic year (marked when the activity
falls in it; the importer reads «Период» instead), the frequency, then the responsible person,
note, participants and result. A partner without activities is one line with empty activity
cells. Header frozen, autofilter on. Written through the one spreadsheet writer (text stays
text, never a formula).
"""

import math

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from partners.models import Tier
from plans.exports.base import PlanExporter, Progress
from plans.exports.writer import CONTENT_TYPE, SpreadsheetWriter, StreamSheet
from plans.periods import ACADEMIC_MONTHS, FREQUENCY_TEXT, month_name
from plans.table import row_directions

MARK = "●"
LINE_POINTS = 15
FIRST_MONTH_COLUMN = 10
MONTH_COLUMNS = range(FIRST_MONTH_COLUMN, FIRST_MONTH_COLUMN + len(ACADEMIC_MONTHS))
THIN = Side(style="thin", color="999999")
# One style object per kind of cell, shared: built per cell, they cost more than the data.
CENTRED = Alignment(vertical="top", horizontal="center", wrap_text=False)
WRAPPED = Alignment(vertical="top", wrap_text=True)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="EFEFEF")
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
HEADER_BORDER = Border(bottom=THIN)


def wrapped_lines(value, width: float) -> int:
    """About how many lines a wrapped cell of `width` characters needs."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1, int(width * 1.1))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in value.split("\n"))


def month_short(m: int) -> str:
    return month_name(m, capital=True)[:3]


def activity_cells(activity) -> list:
    """What an activity adds to its row's cells: title to result, in the columns' order."""
    if activity is None:
        return ["", "", "", *([""] * len(ACADEMIC_MONTHS)), "", "", "", None, ""]
    period = activity.period  # built from the stored months once, for both cells
    months = period.months
    return [
        activity.title,
        activity.form.name if activity.form else "",
        period.text,
        *(MARK if m in months else "" for m in ACADEMIC_MONTHS),
        FREQUENCY_TEXT.get(activity.frequency, ""),
        activity.responsible,
        activity.note,
        activity.participants,
        activity.result,
    ]


class XlsxExporter(PlanExporter):
    identifier = "xlsx"
    extension = "xlsx"
    content_type = CONTENT_TYPE

    def headers(self) -> list[tuple[str, float]]:
        return [
            (_("No."), 7),
            (_("Social partner"), 30),
            (_("Category"), 24),
            (_("Tier"), 14),
            (_("Directions"), 24),
            (_("Characteristic of interaction"), 40),
            (_("Activity"), 48),
            (_("Form of interaction"), 22),
            (_("Period"), 22),
            *((month_short(m), 5.5) for m in ACADEMIC_MONTHS),
            (_("Frequency"), 18),
            (pgettext("plan export", "Responsible"), 24),
            (pgettext("plan export", "Note"), 30),
            (pgettext("plan export", "Participants"), 12),
            (pgettext("plan export", "Result"), 30),
        ]

    def rows(self):
        for line in self.document.lines:
            if line.is_heading:
                continue
            row = line.row
            category = row.partner.category
            common = [
                line.number,
                row.partner.name,
                category.name,
                str(Tier(category.tier).label),
                ", ".join(d.name for d in row_directions(row)),
                row.characteristic,
            ]
            for activity in line.activities or [None]:
                yield [*common, *activity_cells(activity)]

    def content_parts(self):
        """What the workbook holds, for the background job's key (plans.exports.jobs)."""
        yield self.document.title
        yield self.document.institution.name
        yield from self.rows()

    def render_bytes(self, progress: Progress) -> bytes:
        doc = self.document
        writer = SpreadsheetWriter(title=doc.title, creator=doc.institution.name, streaming=True)
        sheet = writer.stream_sheet(_("Plan"))
        headers = self.headers()
        self.set_up_page(sheet, headers)  # a stream sheet writes these before its rows
        self.write_header(sheet, headers)
        alignments = [CENTRED if column == 1 or column in MONTH_COLUMNS else WRAPPED
                      for column in range(1, len(headers) + 1)]
        # Only a wrapped column's text takes more than a line (the number and the months'
        # marks are short and kept on one).
        wrapped = [(index, width) for index, ((_title, width), alignment)
                   in enumerate(zip(headers, alignments, strict=True)) if alignment is WRAPPED]
        for values in self.rows():
            # Neither openpyxl nor LibreOffice fits wrapped rows: estimate the height.
            lines = max(wrapped_lines(values[index], width) for index, width in wrapped)
            sheet.append(values, alignments=alignments, height=LINE_POINTS * lines)
        sheet.ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, sheet.row)}"
        return writer.to_bytes()

    def write_header(self, sheet: StreamSheet, headers) -> None:
        def style(cell):
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = HEADER_ALIGNMENT
            cell.border = HEADER_BORDER

        sheet.append([title for title, _width in headers], height=LINE_POINTS * 2, style=style)

    def set_up_page(self, sheet: StreamSheet, headers) -> None:
        ws = sheet.ws
        for index, (_title, width) in enumerate(headers, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "B2"
        ws.print_options.gridLines = True
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.print_title_rows = "1:1"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
