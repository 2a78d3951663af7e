"""The year-end report as a Word document (python-docx), mirroring the PDF: the title, the
summary figures, a table per partner, the achievements, the conclusions and the signatures,
A4 portrait, Times New Roman, «стр. N из M» in the footer. The charts are left out (Word
does not take SVG, and a PNG would need a second renderer); the figures are all in tables."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from plans.exports.base import Progress
from plans.exports.docx import FONT, FOOTER_PT, _cell_text, _field, _paragraph, _row_flag, _set_font

from .exporters import PlanReportExporter
from .services import PlanReport, day

PAGE_W, PAGE_H = Mm(210), Mm(297)
LEFT, RIGHT, TOP, BOTTOM = Mm(25), Mm(10), Mm(16), Mm(16)
PARTNER_COLUMNS_MM = [38, 24, 24, 59, 30]
ACHIEVEMENT_COLUMNS_MM = [20, 40, 34, 41, 40]


def partner_headers() -> list[str]:
    return [
        pgettext("report", "Activity"),
        pgettext("report", "Planned period"),
        pgettext("report", "Held / planned"),
        pgettext("report", "Held: date, taking part, result"),
        pgettext("report", "Cancellations and moves"),
    ]


def achievement_headers() -> list[str]:
    return [
        pgettext("report", "Date"),
        pgettext("report", "Achievement"),
        pgettext("report", "Level"),
        pgettext("report", "Awarded to"),
        pgettext("report", "Activity"),
    ]


def count_text(line) -> str:
    """«2 / 3», and the overdue and the extra below it, as the PDF's cell."""
    parts = [f"{line.counts.held} / {line.counts.planned}"]
    if line.counts.overdue:
        parts.append(pgettext("report", "overdue: %(n)s") % {"n": line.counts.overdue})
    if line.counts.extra:
        parts.append(pgettext("report", "beyond the plan: %(n)s") % {"n": line.counts.extra})
    return "\n".join(parts)


def held_text(held) -> str:
    return " · ".join(part for part in (held.date, held.people, held.result) if part)


def _table(word, headers: list[str], widths: list[int]):
    table = word.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _row_flag(table.rows[0]._tr, "w:tblHeader")
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell_text(cell._tc, text, size=10, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    return table


def _widths(table, widths: list[int]) -> None:
    # Word reads the cells' widths, LibreOffice the table grid: set both.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)


def _add_row(table, values: list[str]) -> None:
    row = table.add_row()
    _row_flag(row._tr, "w:cantSplit")
    for cell, text in zip(row.cells, values, strict=True):
        _cell_text(cell._tc, text, size=10)


def _heading(word, text: str, size: float = 13) -> None:
    paragraph = _paragraph(word, text, size=size, bold=True, space_after=4)
    paragraph.paragraph_format.space_before = Pt(10)
    paragraph.paragraph_format.keep_with_next = True


class PlanReportDocxExporter(PlanReportExporter):
    identifier = "report_docx"
    extension = "docx"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def render_bytes(self, progress: Progress) -> bytes:
        report = self.report
        word = Document()
        self._page(word)
        props = word.core_properties
        props.title, props.author, props.language = report.title, report.institution.name, "ru-RU"
        self._head(word, report)
        self._partners(word, report)
        self._achievements(word, report)
        self._conclusions(word, report)
        self._signatures(word, report)
        buffer = io.BytesIO()
        word.save(buffer)
        return buffer.getvalue()

    def _page(self, word) -> None:
        section = word.sections[0]
        section.page_width, section.page_height = PAGE_W, PAGE_H
        section.left_margin, section.right_margin = LEFT, RIGHT
        section.top_margin, section.bottom_margin = TOP, BOTTOM
        normal = word.styles["Normal"]
        normal.font.name, normal.font.size = FONT, Pt(12)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        word.styles["Footer"].font.size = Pt(FOOTER_PT)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_font(footer.add_run(_("page") + " "), FOOTER_PT)
        _field(footer, "PAGE", FOOTER_PT)
        _set_font(footer.add_run(" " + _("of") + " "), FOOTER_PT)
        _field(footer, "NUMPAGES", FOOTER_PT)

    def _head(self, word, report: PlanReport) -> None:
        _paragraph(word, report.institution.name, size=11)
        title = _paragraph(
            word, report.title, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12
        )
        title.paragraph_format.space_before = Pt(10)
        _heading(word, pgettext("report", "Summary"))
        table = _table(word, ["", ""], [120, 55])
        table.rows[0]._tr.getparent().remove(table.rows[0]._tr)
        for label, value in report.figures:
            _add_row(table, [label, value])
        _widths(table, [120, 55])

    def _partners(self, word, report: PlanReport) -> None:
        _heading(word, pgettext("report", "Activities by partner"))
        for section in report.sections:
            if section.heading:
                _paragraph(word, section.heading, size=12, bold=True, space_after=2)
            _heading(word, f"{section.number}. {section.partner.name}", size=12)
            table = _table(word, partner_headers(), PARTNER_COLUMNS_MM)
            for line in section.activities:
                _add_row(
                    table,
                    [
                        line.activity.title,
                        line.period,
                        count_text(line),
                        "\n".join(held_text(held) for held in line.held) or "—",
                        "\n".join(line.changes),
                    ],
                )
            if not section.activities:
                _add_row(table, [pgettext("report", "No activities planned."), "", "", "", ""])
            _widths(table, PARTNER_COLUMNS_MM)
            if not section.activities:
                last = table.rows[-1]
                last.cells[0].merge(last.cells[-1])

    def _achievements(self, word, report: PlanReport) -> None:
        _heading(word, pgettext("report", "Achievements"))
        if not report.achievements:
            _paragraph(word, pgettext("report", "No achievements recorded."))
            return
        table = _table(word, achievement_headers(), ACHIEVEMENT_COLUMNS_MM)
        for a in report.achievements:
            level = str(a.get_level_display()).capitalize()
            _add_row(
                table, [day(a.occurrence.date), a.title, level, a.name, a.occurrence.activity.title]
            )
        _widths(table, ACHIEVEMENT_COLUMNS_MM)

    def _conclusions(self, word, report: PlanReport) -> None:
        _heading(word, pgettext("report", "Conclusions"))
        for label, text in report.conclusion_texts:
            _paragraph(word, label, bold=True, space_after=2)
            _paragraph(word, text or "—", space_after=6)

    def _signatures(self, word, report: PlanReport) -> None:
        paragraph = _paragraph(word, "", space_after=0)
        paragraph.paragraph_format.space_before = Pt(24)
        for signature in report.signatures:
            _paragraph(word, signature.position, space_after=2)
            _paragraph(word, f"_______________ {signature.name}", space_after=10)
        _paragraph(word, report.date_line)
