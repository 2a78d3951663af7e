"""DOCX through python-docx: the printed plan as an editable Word document.

A4 landscape; the head as the PDF's (the approval block or the «ПРОЕКТ» box at the top right,
the institution's name, the title); the table with
its header row repeated on every page, vertically merged cells like the printed table, and
category heading rows kept with the next row; «стр. N из M» in the footer.
"""

import copy
import functools
import hashlib
import io

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.simpletypes import ST_Merge
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Row

from plans.exports.base import PlanExporter, Progress
from plans.exports.fetcher import logo_bytes

FONT = "Times New Roman"
PAGE_W, PAGE_H = Mm(297), Mm(210)
LEFT, RIGHT, TOP, BOTTOM = Mm(25), Mm(12), Mm(18), Mm(16)
COLUMNS_MM = [15, 44, 70, 96, 35]  # № · partner · characteristic · activities · period
FOOTER_PT = 10  # «стр. N из M», as print.css's @bottom-center
DRAFT_BOX_MM = 55
# What follows w:spacing in a run's properties and w:pBdr in a paragraph's (the schema's order,
# which Word insists on).
RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
                     "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
                     "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
PPR_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
                    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
                    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                    "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


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


def _cell_text(tc, text: str, *, size=10.5, bold=False, align=None, keep_with_next=False):
    """The text of a cell (a w:tc), a paragraph a line: copies of a model paragraph of this
    style. Setting each property through python-docx cost 0.4 ms a cell, most of a long plan's
    DOCX."""
    first = tc.p_lst[0]  # the empty paragraph a new cell holds
    for index, part in enumerate(text.split("\n") if text else [""]):
        paragraph = copy.deepcopy(_cell_paragraph(size, bold, align, keep_with_next, bool(part)))
        if part:
            run = paragraph.r_lst[0]
            if "\t" in part or "\r" in part:  # python-docx draws these as w:tab and w:br
                run.text = part
            else:
                t = run.find(qn("w:t"))
                t.text = part
                if part != part.strip():  # as python-docx: kept spaces at the ends
                    t.set(qn("xml:space"), "preserve")
        if index:
            tc.append(paragraph)
        else:
            first.addnext(paragraph)
            tc.remove(first)


@functools.lru_cache(maxsize=32)
def _cell_paragraph(size, bold, align, keep_with_next, with_run: bool):
    """A model of a cell's paragraph in this style, with one run of text or none."""
    paragraph = Document().add_paragraph()
    if with_run:
        run = paragraph.add_run("-")
        _set_font(run, size, bold)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.keep_with_next = keep_with_next
    if align is not None:
        paragraph.alignment = align
    return paragraph._p


def _spacing(run, points: float) -> None:
    """Letter spacing of a run (the PDF's letter-spacing), in points."""
    element = OxmlElement("w:spacing")
    element.set(qn("w:val"), str(int(points * 20)))  # twentieths of a point
    run._element.get_or_add_rPr().insert_element_before(element, *RPR_AFTER_SPACING)


def _row_flag(tr, tag: str) -> None:
    tr_pr = tr.get_or_add_trPr()
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    tr_pr.append(element)


def _field(paragraph, instruction: str, size: float) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in: each part of it in a
    run of its own, every run in the footer's size, so the number is as large as its words."""
    for kind, text in [("begin", None), (None, instruction), ("separate", None), (None, "1"),
                       ("end", None)]:
        run = paragraph.add_run()
        _set_font(run, size)
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


def _box(paragraph, color: str, width_pt: float = 1.5) -> None:
    """A border round the paragraph, like the PDF's box round «ПРОЕКТ»."""
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), str(int(width_pt * 8)))  # eighths of a point
        edge.set(qn("w:space"), "4")
        edge.set(qn("w:color"), color)
        borders.append(edge)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *PPR_AFTER_BORDER)


class DocxExporter(PlanExporter):
    identifier = "docx"
    extension = "docx"
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def content_parts(self):
        """What the document prints, for the background job's key (plans.exports.jobs)."""
        doc = self.document
        logo = hashlib.sha256(logo_bytes(doc.institution)).hexdigest()
        yield (doc.title, doc.institution.name, doc.approval, logo)
        for line in doc.lines:
            if line.is_heading:
                yield (line.number, line.category.heading)
                continue
            yield (line.number, line.row.partner.name, line.row.characteristic,
                   [(g.text, [a.title for a in g.activities]) for g in line.period_groups])

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
        # The footer's own style in the footer's size too: whatever Word or LibreOffice puts
        # into the page numbers without a run's size (a refreshed field) is then no larger.
        word.styles["Footer"].font.size = Pt(FOOTER_PT)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_font(footer.add_run(_("page") + " "), FOOTER_PT)
        _field(footer, "PAGE", FOOTER_PT)
        _set_font(footer.add_run(" " + _("of") + " "), FOOTER_PT)
        _field(footer, "NUMPAGES", FOOTER_PT)

    def _properties(self, word, doc) -> None:
        props = word.core_properties
        props.title = doc.title
        props.author = doc.institution.name
        props.subject = f"{doc.plan.unit.name}, {doc.plan.academic_year}"
        props.language = "ru-RU"

    def _head(self, word, doc) -> None:
        """As the PDF's head (print.css): the approval block or the «ПРОЕКТ» box at the top
        right, the logo, the institution's name on the left, the title centred."""
        if doc.approval:
            self._approval(word, doc.approval)
        else:
            self._draft_mark(word, doc.draft_mark)
        self._logo(word, doc.institution)
        name = _paragraph(word, doc.institution.name, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
        name.runs[0].font.color.rgb = RGBColor(0x33, 0x33, 0x33)
        title = _paragraph(word, doc.title, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
                           space_after=14)
        title.paragraph_format.space_before = Pt(11)
        title.paragraph_format.left_indent = title.paragraph_format.right_indent = Mm(15)

    def _approval(self, word, a) -> None:
        # 95 mm wide at the right margin, its lines aligned on the left, 6 mm below it.
        indent = PAGE_W - LEFT - RIGHT - Mm(95)
        heading = _paragraph(word, a.heading, bold=True, indent=indent, space_after=3)
        _spacing(heading.runs[0], 0.6)
        _paragraph(word, a.position, indent=indent, space_after=11)
        _paragraph(word, f"_______________ {a.signer}", indent=indent)
        last = _paragraph(word, a.date, indent=indent)
        if a.order:
            last = _paragraph(word, a.order, indent=indent)
        last.paragraph_format.space_after = Pt(17)

    def _draft_mark(self, word, text: str) -> None:
        # The PDF's box: 18 pt bold red capitals, spaced, framed, at the right margin.
        mark = _paragraph(word, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=17,
                          indent=PAGE_W - LEFT - RIGHT - Mm(DRAFT_BOX_MM))
        run = mark.add_run(text)
        _set_font(run, 18, True)
        _spacing(run, 3.6)
        run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
        _box(mark, "B00020")

    def _logo(self, word, institution) -> None:
        data = logo_bytes(institution)
        if not data:
            return
        try:
            word.add_picture(io.BytesIO(data), height=Mm(18))
        except Exception:  # noqa: BLE001 - a logo python-docx cannot read is left out
            return
        word.paragraphs[-1].paragraph_format.space_after = Pt(8)

    def _table(self, word, doc) -> None:
        """The table, built on the XML: python-docx's `add_row()`, `row.cells` and property
        setters search the whole table or each element's children, and a 2,000-row plan's
        DOCX took 30 s. Rows are copies of a blank row that carries the widths and flags."""
        headers = [_("No."), _("Social partner"), _("Characteristic of interaction"),
                   _("Forms of interaction"), _("Period")]
        table = word.add_table(rows=2, cols=5)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        # Word reads the cells' widths, LibreOffice the table grid: set both.
        for column, width in zip(table.columns, COLUMNS_MM, strict=True):
            column.width = Mm(width)
        header, blank = (row._tr for row in table.rows)
        for tr in (header, blank):
            for tc, width in zip(tr.tc_lst, COLUMNS_MM, strict=True):
                tc.width = Mm(width)
        table._tbl.remove(blank)
        _row_flag(header, "w:tblHeader")
        for tr in (header, blank):
            _row_flag(tr, "w:cantSplit")
        for tc, text in zip(header.tc_lst, headers, strict=True):
            _cell_text(tc, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for line in doc.lines:
            if line.is_heading:
                self._heading_row(table, line, blank)
            else:
                self._partner_rows(table, line, blank)

    def _heading_row(self, table, line, blank) -> None:
        tr = _add_row(table, blank)
        _cell_text(tr.tc_lst[0], f"{line.number}.", bold=True,
                   align=WD_ALIGN_PARAGRAPH.CENTER, keep_with_next=True)
        cells = _Row(tr, table).cells
        merged = cells[1].merge(cells[4])._tc
        merged.width = Mm(sum(COLUMNS_MM[1:]))
        _cell_text(merged, line.category.heading, bold=True, keep_with_next=True)

    def _partner_rows(self, table, line, blank) -> None:
        """A partner's rows (one an activity), their cells merged down where they span."""
        cells = [_add_row(table, blank).tc_lst for _i in range(max(1, len(line.activities)))]
        _cell_text(cells[0][0], f"{line.number}.", align=WD_ALIGN_PARAGRAPH.CENTER)
        _cell_text(cells[0][1], line.row.partner.name)
        _cell_text(cells[0][2], line.row.characteristic)
        index = 0
        for group in line.period_groups:
            for offset, activity in enumerate(group.activities):
                _cell_text(cells[index + offset][3], activity.title)
            _cell_text(cells[index][4], group.text)
            _merge_down([row[4] for row in cells[index:index + len(group.activities)]])
            index += len(group.activities)
        for column in range(3):
            _merge_down([row[column] for row in cells])


def _add_row(table, blank):
    """A copy of the blank row (a w:tr), added at the table's end."""
    tr = copy.deepcopy(blank)
    table._tbl.append(tr)
    return tr


def _merge_down(tcs) -> None:
    """Merge a column's cells (w:tc) vertically: the first holds the text, the others are
    empty. The w:vMerge goes right after the w:tcW every cell of a blank row has."""
    if len(tcs) < 2:
        return
    for index, tc in enumerate(tcs):
        merge = OxmlElement("w:vMerge")
        if not index:  # the others continue it, the attribute's default
            merge.set(qn("w:val"), ST_Merge.RESTART)
        tc.tcPr.find(qn("w:tcW")).addnext(merge)
