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

from partners.models import Tier
from plans.exports.base import PlanExporter, Progress
from plans.exports.writer import CONTENT_TYPE, Sheet, SpreadsheetWriter
from plans.periods import ACADEMIC_MONTHS, FREQUENCY_TEXT, month_name

MARK = "●"
LINE_POINTS = 15
FIRST_MONTH_COLUMN = 10
MONTH_COLUMNS = range(FIRST_MONTH_COLUMN, FIRST_MONTH_COLUMN + len(ACADEMIC_MONTHS))
THIN = Side(style="thin", color="999999")
# One style object per kind of cell, shared: built per cell, they cost more than the data.
CENTRED = Alignment(vertical="top", horizontal="center", wrap_text=False)
WRAPPED = Alignment(vertical="top", wrap_text=True)


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
    months = activity.period.months
    return [
        activity.title,
        activity.form.name if activity.form else "",
        activity.period_text,
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
                ", ".join(d.name for d in row.directions.all()),
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
        writer = SpreadsheetWriter(title=doc.title, creator=doc.institution.name)
        sheet = writer.sheet(_("Plan"))
        headers = self.headers()
        self.write_header(sheet, headers)
        widths = [width for _title, width in headers]
        for values in self.rows():
            self.write_line(sheet, values, widths)
        self.set_up_page(sheet, headers)
        return writer.to_bytes()

    def write_header(self, sheet: Sheet, headers) -> None:
        row = sheet.append([title for title, _width in headers])
        sheet.ws.row_dimensions[row].height = LINE_POINTS * 2
        for cell in sheet.cells(row):
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="EFEFEF")
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = Border(bottom=THIN)

    def write_line(self, sheet: Sheet, values: list, widths: list[float]) -> None:
        row = sheet.append(values)
        for cell in sheet.cells(row):
            centred = cell.column == 1 or cell.column in MONTH_COLUMNS
            sheet.align(cell, CENTRED if centred else WRAPPED)
        # Neither openpyxl nor LibreOffice fits wrapped rows: estimate the height.
        sheet.ws.row_dimensions[row].height = LINE_POINTS * max(
            wrapped_lines(value, width) for value, width in zip(values, widths, strict=True)
        )

    def set_up_page(self, sheet: Sheet, headers) -> None:
        ws = sheet.ws
        for index, (_title, width) in enumerate(headers, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        ws.freeze_panes = "B2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, sheet.row)}"
        ws.print_options.gridLines = True
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.print_title_rows = "1:1"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
