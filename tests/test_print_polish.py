"""Print polish (issue 11, item 8): partner names never hyphenated in the PDF, the DOCX's head
and page numbers as the PDF's, «ПРОЕКТ» once."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from plans.exports import ConsolidatedPdfExporter, DocxExporter, PdfExporter
from tests.factories import ActivityFactory, PartnerFactory, PlanRowFactory
from tests.print_support import pdf_pages, seed_plans

CSS = re.sub(
    r"/\*.*?\*/",
    "",
    "\n".join(
        (Path(settings.BASE_DIR) / "static" / "print" / name).read_text()
        for name in ("base.css", "print.css")  # as the print templates link them
    ),
    flags=re.S,
)

# Long words that WeasyPrint's Russian hyphenation splits in a 44 mm column.
LONG_NAME = (
    "Государственное профессиональное образовательное учреждение «Агропромышленный "
    "многопрофильный политехнический колледж»"
)
LONG_TEXT = (
    "Психологическое сопровождение образовательно-воспитательного процесса. Повышение "
    "профессиональной компетентности педагога."
)


def css_block(selector: str) -> str:
    """The declarations of the first rule whose selector list names `selector`."""
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", CSS):
        # (In a nested at-rule the text before the brace ends with the selector.)
        if selector in [s.strip() for s in selectors.split(";")[-1].split(",")]:
            return body
    raise AssertionError(f"no rule for {selector}")


def css_pt(selector: str, prop: str = "font-size") -> float:
    match = re.search(rf"{prop}:\s*([\d.]+)pt", css_block(selector))
    assert match, (selector, prop)
    return float(match.group(1))


# --- the PDF ------------------------------------------------------------------------------


def test_it_forbids_hyphens_in_partner_and_category_names_but_not_in_long_text():
    assert "hyphens: none" in css_block(".plan-table td.partner")
    assert "hyphens: none" in css_block(".plan-table tr.heading-row td")
    assert "hyphens: auto" in css_block(".plan-table td")


def test_it_prints_long_partner_names_without_hyphenating_their_words(plan):
    row = PlanRowFactory(
        plan=plan, partner=PartnerFactory(name=LONG_NAME), characteristic=LONG_TEXT
    )
    ActivityFactory(row=row, title="Экскурсия")
    text = "\n".join(pdf_pages(PdfExporter(plan).render()))
    for word in LONG_NAME.split():
        assert word in text, f"{word} is hyphenated"
    # WeasyPrint marks its own hyphenation with U+2010 at the end of a line.
    assert re.search(r"\w[‐-]\n", text), "long descriptive text still hyphenates"


@pytest.mark.parametrize("which", ["draft", "approved"])
def test_it_prints_projekt_once_and_only_on_a_draft(demo, which):
    approved, draft = seed_plans()
    plan = draft if which == "draft" else approved
    pages = pdf_pages(PdfExporter(plan).render())
    assert "".join(pages).count("ПРОЕКТ") == (1 if which == "draft" else 0)
    assert "@top-right" not in CSS and "string-set" not in CSS, "no running «ПРОЕКТ»"


def test_it_prints_projekt_once_per_draft_in_the_consolidated_plan(demo):
    approved, draft = seed_plans()
    pages = pdf_pages(ConsolidatedPdfExporter([draft], draft.year).render())
    assert "".join(pages).count("ПРОЕКТ") == 1


# --- the DOCX -----------------------------------------------------------------------------


def docx_of(plan) -> Document:
    return Document(io.BytesIO(DocxExporter(plan).render()))


def run_size(run, paragraph_style) -> float:
    size = run.font.size or paragraph_style.font.size
    return size.pt


def test_it_numbers_docx_pages_in_the_size_of_the_words_around_them(demo):
    approved, _draft = seed_plans()
    word = docx_of(approved)
    footer = word.sections[0].footer.paragraphs[0]
    expected = css_pt("@bottom-center")
    assert footer.text.startswith("стр. ")
    runs = footer._p.findall(qn("w:r"))
    assert len(runs) >= 12, "each field part in a run of its own"
    for run in runs:
        size = run.find(f"{qn('w:rPr')}/{qn('w:sz')}")
        assert size is not None and int(size.get(qn("w:val"))) == expected * 2
    numbers = [r for r in runs if r.find(qn("w:t")) is not None and r.find(qn("w:t")).text == "1"]
    assert len(numbers) == 2, "PAGE and NUMPAGES results"
    assert word.styles["Footer"].font.size == Pt(expected)


def test_it_heads_a_draft_docx_as_the_pdf_does(demo):
    _approved, draft = seed_plans()
    word = docx_of(draft)
    paragraphs = word.paragraphs
    mark, name, title = paragraphs[0], paragraphs[1], paragraphs[2]
    assert [p.text for p in paragraphs].count("ПРОЕКТ") == 1
    assert mark.text == "ПРОЕКТ"
    (run,) = mark.runs
    assert run.font.size == Pt(css_pt(".draft-mark")) and run.bold
    assert str(run.font.color.rgb) == "B00020"
    assert "b00020" in css_block(".draft-mark")
    assert mark._p.pPr.find(qn("w:pBdr")) is not None, "boxed as in the PDF"
    assert mark.paragraph_format.left_indent > 0, "at the right margin"
    assert name.text == draft.unit.institution.name
    assert name.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert name.runs[0].font.size == Pt(css_pt(".institution-name"))
    assert title.text == draft.display_title
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs[0].font.size == Pt(css_pt(".plan-title")) and title.runs[0].bold


def test_it_heads_an_approved_docx_as_the_pdf_does(demo):
    approved, _draft = seed_plans()
    word = docx_of(approved)
    texts = [p.text for p in word.paragraphs]
    assert "ПРОЕКТ" not in "".join(texts)
    block = word.paragraphs[:5]
    assert [p.text for p in block] == [
        "УТВЕРЖДАЮ", "Директор МБУ ДО Центр «Созвездие»", "_______________ Е. В. Смирнова",
        f"«29» августа {approved.year} г.", "Приказ № 112-о",
    ]
    indents = {p.paragraph_format.left_indent for p in block}
    assert len(indents) == 1, "one block, its lines aligned on the left"
    assert block[0].runs[0].bold
    for paragraph in block:
        assert run_size(paragraph.runs[0], word.styles["Normal"]) == css_pt(".approval")
    name, title = word.paragraphs[5], word.paragraphs[6]
    assert name.text == approved.unit.institution.name
    assert name.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert title.text == approved.display_title
