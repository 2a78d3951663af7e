"""XLSX through openpyxl: one row per activity, for counting and filtering.

Columns: line number, partner, category, tier, directions, characteristic, activity, form,
period as printed, one column per month of the academic year (marked when the activity falls
in it) and the frequency. Partners without activities still get a row. Header frozen,
autofilter on.
"""

import io
import math

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from partners.models import Tier
from plans.exports.base import Exporter, Progress
from plans.periods import ACADEMIC_MONTHS, FREQUENCY_TEXT, month_name

MARK = "●"
LINE_POINTS = 15


def wrapped_lines(value, width: float) -> int:
    """About how many lines a wrapped cell of `width` characters needs."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1, int(width * 1.1))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in value.split("\n"))


def month_short(m: int) -> str:
    return month_name(m, capital=True)[:3]


class XlsxExporter(Exporter):
    identifier = "xlsx"
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

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
            if not line.activities:
                yield [*common, "", "", "", *([""] * 12), ""]
                continue
            for activity in line.activities:
                months = activity.period.months
                yield [
                    *common,
                    activity.title,
                    activity.form.name if activity.form else "",
                    activity.period_text,
                    *(MARK if m in months else "" for m in ACADEMIC_MONTHS),
                    FREQUENCY_TEXT.get(activity.frequency, ""),
                ]

    def render_bytes(self, progress: Progress) -> bytes:
        doc = self.document
        book = Workbook()
        sheet = book.active
        sheet.title = _("Plan")[:31]
        book.properties.title = doc.title
        book.properties.creator = doc.institution.name
        headers = self.headers()
        sheet.append([title for title, _width in headers])
        sheet.row_dimensions[1].height = LINE_POINTS * 2
        thin = Side(style="thin", color="999999")
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="EFEFEF")
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = Border(bottom=thin)
        month_columns = range(10, 10 + len(ACADEMIC_MONTHS))
        widths = [width for _title, width in headers]
        for values in self.rows():
            sheet.append(values)
            for cell in sheet[sheet.max_row]:
                centred = cell.column == 1 or cell.column in month_columns
                cell.alignment = Alignment(
                    vertical="top", wrap_text=not centred,
                    horizontal="center" if centred else None,
                )
            # Neither openpyxl nor LibreOffice fits wrapped rows: estimate the height.
            sheet.row_dimensions[sheet.max_row].height = LINE_POINTS * max(
                wrapped_lines(value, width) for value, width in zip(values, widths, strict=True)
            )
        for index, (_title, width) in enumerate(headers, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "B2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{sheet.max_row}"
        sheet.print_options.gridLines = True
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.print_title_rows = "1:1"
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
