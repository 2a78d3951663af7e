"""DOCX through python-docx: the printed plan as an editable Word document.

A4 landscape; the approval block (or «ПРОЕКТ») at the top right; the title; the table with
its header row repeated on every page, vertically merged cells like the printed table, and
category heading rows kept with the next row; «стр. N из M» in the footer.
"""

import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from plans.exports.base import PlanExporter, Progress

FONT = "Times New Roman"
PAGE_W, PAGE_H = Mm(297), Mm(210)
LEFT, RIGHT, TOP, BOTTOM = Mm(25), Mm(12), Mm(18), Mm(16)
COLUMNS_MM = [15, 44, 70, 96, 35]  # № · partner · characteristic · activities · period


def _set_font(run, size: float | None = None, bold: bool | None = None) -> None:
    run.font.name = FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold


def _paragraph(container, text="", *, size=12, bold=False, align=None, indent=None,
               space_after=0):
    paragraph = container.add_paragraph()
    if text:
        _set_font(paragraph.add_run(text), size, bold)
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(0)
    if align is not None:
        paragraph.alignment = align
    if indent is not None:
        fmt.left_indent = indent
    return paragraph


def _cell_text(cell, text: str, *, size=10.5, bold=False, align=None, keep_with_next=False):
    paragraph = cell.paragraphs[0]
    for index, part in enumerate(text.split("\n") if text else [""]):
        if index:
            paragraph = cell.add_paragraph()
        if part:
            _set_font(paragraph.add_run(part), size, bold)
        paragraph.paragraph_format.space_after = Pt(0)
        paragraph.paragraph_format.keep_with_next = keep_with_next
        if align is not None:
            paragraph.alignment = align


def _row_flag(row, tag: str) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in."""
    run = paragraph.add_run()
    _set_font(run, 10)
    for kind, text in [("begin", None), (None, instruction), ("separate", None), (None, "1"),
                       ("end", None)]:
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


class DocxExporter(PlanExporter):
    identifier = "docx"
    extension = "docx"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def render_bytes(self, progress: Progress) -> bytes:
        doc = self.document
        word = Document()
        self._page(word)
        self._properties(word, doc)
        self._head(word, doc)
        self._table(word, doc)
        buffer = io.BytesIO()
        word.save(buffer)
        return buffer.getvalue()

    def _page(self, word) -> None:
        section = word.sections[0]
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_W, PAGE_H
        section.left_margin, section.right_margin = LEFT, RIGHT
        section.top_margin, section.bottom_margin = TOP, BOTTOM
        normal = word.styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(12)
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_font(footer.add_run(_("page") + " "), 10)
        _field(footer, "PAGE")
        _set_font(footer.add_run(" " + _("of") + " "), 10)
        _field(footer, "NUMPAGES")

    def _properties(self, word, doc) -> None:
        props = word.core_properties
        props.title = doc.title
        props.author = doc.institution.name
        props.subject = f"{doc.plan.unit.name}, {doc.plan.academic_year}"
        props.language = "ru-RU"

    def _head(self, word, doc) -> None:
        block_indent = PAGE_W - LEFT - RIGHT - Mm(95)
        # The default first paragraph of a new document is not there; the block starts it.
        if doc.approval:
            a = doc.approval
            _paragraph(word, a.heading, bold=True, indent=block_indent, space_after=2)
            _paragraph(word, a.position, indent=block_indent, space_after=8)
            _paragraph(word, f"_______________ {a.signer}", indent=block_indent)
            _paragraph(word, a.date, indent=block_indent)
            if a.order:
                _paragraph(word, a.order, indent=block_indent)
        else:
            mark = _paragraph(word, align=WD_ALIGN_PARAGRAPH.RIGHT)
            run = mark.add_run(doc.draft_mark)
            _set_font(run, 16, True)
            run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
        _paragraph(word, "", space_after=6)
        _paragraph(word, doc.institution.name, size=11, align=WD_ALIGN_PARAGRAPH.CENTER,
                   space_after=4)
        _paragraph(word, doc.title, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                   space_after=10)

    def _table(self, word, doc) -> None:
        headers = [_("No."), _("Social partner"), _("Characteristic of interaction"),
                   _("Forms of interaction"), _("Period")]
        table = word.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        header = table.rows[0]
        _row_flag(header, "w:tblHeader")
        _row_flag(header, "w:cantSplit")
        for cell, text in zip(header.cells, headers, strict=True):
            _cell_text(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for line in doc.lines:
            if line.is_heading:
                row = table.add_row()
                _row_flag(row, "w:cantSplit")
                _cell_text(row.cells[0], f"{line.number}.", bold=True,
                           align=WD_ALIGN_PARAGRAPH.CENTER, keep_with_next=True)
                merged = row.cells[1].merge(row.cells[4])
                _cell_text(merged, line.category.heading, bold=True, keep_with_next=True)
                continue
            self._partner_rows(table, line)
        # Word reads the cells' widths, LibreOffice the table grid: set both.
        for column, width in zip(table.columns, COLUMNS_MM, strict=True):
            column.width = Mm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, COLUMNS_MM, strict=True):
                cell.width = Mm(width)

    def _partner_rows(self, table, line) -> None:
        first = len(table.rows)
        count = max(1, len(line.activities))
        rows = [table.add_row() for _i in range(count)]
        for row in rows:
            _row_flag(row, "w:cantSplit")
        _cell_text(rows[0].cells[0], f"{line.number}.", align=WD_ALIGN_PARAGRAPH.CENTER)
        _cell_text(rows[0].cells[1], line.row.partner.name)
        _cell_text(rows[0].cells[2], line.row.characteristic)
        index = 0
        for group in line.period_groups:
            for offset, activity in enumerate(group.activities):
                _cell_text(rows[index + offset].cells[3], activity.title)
            _cell_text(rows[index].cells[4], group.text)
            if len(group.activities) > 1:
                rows[index].cells[4].merge(rows[index + len(group.activities) - 1].cells[4])
            index += len(group.activities)
        if count > 1:
            for column in range(3):
                table.cell(first, column).merge(table.cell(first + count - 1, column))
