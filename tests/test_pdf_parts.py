"""A long PDF laid out in parts (issue 13): pieces of the table with the header repeated, the
head in the first, the diagram apart; merged with pypdf and numbered «стр. N из M» across, the
footers drawn as WeasyPrint draws them; each part kept in the cache by its content."""

import io
import re

import pytest
from pypdf import PdfReader

from plans.exports import numbering, pagination, pool
from plans.exports.document import PlanDocument
from plans.exports.parts import plan_parts, short_cut
from plans.exports.pdf import ConsolidatedPdfExporter, PdfExporter, html_to_pdf
from plans.models import Plan
from tests.factories import ActivityFactory, PartnerFactory, PlanFactory, PlanRowFactory
from tests.print_support import pdf_contains, pdf_pages

FOOTER = re.compile(r"стр\. (\d+) из (\d+)")


@pytest.fixture
def inline(settings):
    """Parts of a few lines, laid out one after another in the test's process."""
    settings.PDF_PROCESSES = 0
    settings.PDF_PART_LINES = 12
    settings.PDF_SPLIT_LINES = 10_000


def fill(plan, rows: int, prefix: str = "Партнёр") -> None:
    for n in range(rows):
        row = PlanRowFactory(plan=plan, partner=PartnerFactory(name=f"{prefix} {n:03d}"))
        ActivityFactory(row=row, title=f"Мастер-класс {n}")
        ActivityFactory(row=row, title=f"Экскурсия {n}")


def footers(data: bytes) -> list[tuple[int, int]]:
    found = []
    for text in pdf_pages(data):
        numbers = FOOTER.findall(text)
        assert len(numbers) == 1, text[-200:]
        found.append(tuple(map(int, numbers[0])))
    return found


def test_it_numbers_every_page_across_the_parts(plan, inline):
    fill(plan, 40)
    exporter = PdfExporter(plan)
    assert len(exporter.parts()) > 3
    data = exporter.render()
    pages = footers(data)
    assert pages == [(n, len(pages)) for n in range(1, len(pages) + 1)]
    text = "\n".join(pdf_pages(data))
    assert all(pdf_contains(text, f"Партнёр {n:03d}") for n in range(40))


def test_it_cuts_the_table_between_groups_and_repeats_its_header(plan, inline):
    fill(plan, 30)
    parts = plan_parts(PlanDocument.build(plan))
    assert len(parts) > 2
    assert [p.head for p in parts] == [True] + [False] * (len(parts) - 1)
    assert [p.diagram for p in parts] == [False] * (len(parts) - 1) + [True]
    printed = [line for part in parts for group in part.groups for line in group]
    assert printed == PlanDocument.build(plan).lines  # every line once, in order
    htmls = PdfExporter(plan).parts()
    assert all("<thead>" in html for html in htmls)
    assert all("print/parts.css" in html for html in htmls)  # numbered after the merge
    assert sum("plan-title" in html for html in htmls) == 1


def test_it_prints_a_short_plan_as_one_numbered_document(plan, inline):
    fill(plan, 3)
    (html,) = PdfExporter(plan).parts()
    assert "print/parts.css" not in html
    assert footers(PdfExporter(plan).render()) == [(1, 2), (2, 2)]  # the table, the diagram


def test_it_lays_out_a_short_plan_s_diagram_beside_its_table(plan, settings):
    settings.PDF_PROCESSES = 2
    fill(plan, 3)
    parts = plan_parts(PlanDocument.build(plan))
    assert [(p.head, p.table, p.diagram) for p in parts] == [(True, True, False),
                                                             (False, False, True)]
    try:
        data = PdfExporter(plan).render()
    finally:
        pool.shutdown()
    assert footers(data) == [(1, 2), (2, 2)]  # as the one document: the table, the diagram
    pages = pdf_pages(data)
    assert pdf_contains(pages[0], "Партнёр 002") and pdf_contains(pages[1], "Модель")


def test_it_cuts_a_short_plan_in_two_where_the_whole_would_start_a_page(plan, settings):
    """On several processes a short plan's table is laid out in two, the diagram page after
    the second piece, cut at a predicted page start: its pages read as the one document's do."""
    fill(plan, 40)
    settings.PDF_PROCESSES = 0
    whole = pdf_pages(PdfExporter(plan).render())
    settings.PDF_PROCESSES = 2
    doc = PlanDocument.build(plan)
    parts = plan_parts(doc)
    assert [(p.head, p.table, p.diagram) for p in parts] == [(True, True, False),
                                                             (False, True, True)]
    starts = pagination.page_starts(doc)
    assert len(parts[0].groups) in starts[1:]
    assert len(whole) == len(starts) + 1  # the table's pages, the diagram's
    try:
        data = PdfExporter(plan).render()
    finally:
        pool.shutdown()
    assert pdf_pages(data) == whole
    # A consolidated PDF keeps the processes busy with its plans: each is not cut.
    assert len(plan_parts(doc, alone=False)) == 2


def text_pages(count: int, numbered: bool) -> bytes:
    sheets = "".join(f'<link rel="stylesheet" href="print/{name}.css">'
                     for name in ["base", "print"] + ([] if numbered else ["parts"]))
    body = "".join(f'<p class="page">Страница {n}</p>' for n in range(count))
    return html_to_pdf(f"<!doctype html><html lang=ru><head>{sheets}<style>.page "
                       "{ break-after: page }</style></head><body>" + body + "</body></html>")


def footer_operators(page) -> tuple[str, float]:
    stream = page.get_contents().get_data().decode("latin-1")
    x = re.findall(r"1 0 0 -1 (-?[\d.]+) (-?[\d.]+) Tm", stream)[-1][0]
    glyphs = re.findall(r"\[([^\]]*)\] TJ", stream)[-1]
    return re.sub(r"-?\d+(\.\d+)?", "", glyphs.replace("<", " <")), float(x)


def test_it_keeps_the_pages_in_order_and_draws_the_footers_as_weasyprint_does():
    # 112 pages: one- to three-digit numbers and the kerned «11» (pages 11, 110, 111, 112).
    whole = PdfReader(io.BytesIO(text_pages(112, numbered=True)))
    parts = [text_pages(13, numbered=False), text_pages(99, numbered=False)]
    merged = PdfReader(io.BytesIO(numbering.merge_numbered(parts)))
    assert len(merged.pages) == 112
    expected = [f"Страница {n}" for n in range(13)] + [f"Страница {n}" for n in range(99)]
    for number, (ours, theirs, body) in enumerate(zip(merged.pages, whole.pages, expected,
                                                      strict=True), start=1):
        text = ours.extract_text()
        assert body in text and f"стр. {number} из 112" in text
        glyphs, x = footer_operators(ours)
        their_glyphs, their_x = footer_operators(theirs)
        assert glyphs == their_glyphs and abs(x - their_x) < 0.01, number


def test_it_reuses_the_parts_of_unchanged_plans_in_the_consolidated_pdf(
    plan, other_teacher, inline, monkeypatch
):
    fill(plan, 3, "Первый")
    other = PlanFactory(unit=other_teacher.units.first(), year=plan.year)
    fill(other, 3, "Второй")
    laid_out = []

    def counting(html, *args, **kwargs):
        laid_out.append(html)
        return html_to_pdf(html, *args, **kwargs)

    monkeypatch.setattr(pool, "html_to_pdf", counting)
    first = ConsolidatedPdfExporter([plan, other], plan.year).render()
    assert len(laid_out) == 2  # each plan in one part (table and diagram)
    laid_out.clear()
    ActivityFactory(row=other.rows.first(), title="Новое мероприятие")
    second = ConsolidatedPdfExporter([plan, other], plan.year).render()
    assert len(laid_out) == 1 and "Новое мероприятие" in laid_out[0]
    for data in (first, second):
        pages = pdf_pages(data)
        assert footers(data) == [(n, len(pages)) for n in range(1, len(pages) + 1)]
        starts = [int(n) for n in re.findall(r"стр\. (\d+)(?! из)", pages[0])]
        assert len(starts) == 2
        assert pdf_contains(pages[starts[0] - 1], "Первый 000")
        assert pdf_contains(pages[starts[1] - 1], "Второй 000")
    assert link_targets(second) == [starts[0], starts[1]]  # the contents link to the plans


def link_targets(data: bytes) -> list[int]:
    reader = PdfReader(io.BytesIO(data))
    annotations = [a.get_object() for a in reader.pages[0].get("/Annots", [])]
    return sorted({reader.get_page_number(a["/Dest"][0].get_object()) + 1 for a in annotations
                   if a.get("/Subtype") == "/Link"})


def test_it_lays_out_the_parts_on_processes_of_their_own(plan, settings):
    settings.PDF_PROCESSES = 2
    settings.PDF_PART_LINES = 20
    fill(plan, 20)
    try:
        data = PdfExporter(plan).render()
        assert pool.children_peak_mib > 0  # the children reported their memory
    finally:
        pool.shutdown()
    pages = footers(data)
    assert pages == [(n, len(pages)) for n in range(1, len(pages) + 1)]
    assert pdf_contains("\n".join(pdf_pages(data)), "Партнёр 019")


def test_it_reads_the_consolidated_plans_in_queries_that_do_not_grow_with_plans(
    plan, inline, django_assert_max_num_queries
):
    fill(plan, 2)
    with django_assert_max_num_queries(30) as few:
        ConsolidatedPdfExporter(printed_plans(plan.year), plan.year).parts()
    for n in range(4):
        fill(PlanFactory(year=plan.year), 2, f"Ещё {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        ConsolidatedPdfExporter(printed_plans(plan.year), plan.year).parts()


def printed_plans(year: int) -> list:
    """The year's plans as the consolidated PDF's job reads them (access.plan_queryset)."""
    return list(Plan.objects.filter(year=year).select_related(
        "unit", "unit__institution", "approved_by"))


def test_it_lays_out_every_footer_when_a_template_page_is_not_as_expected(monkeypatch):
    def unexpected(width):
        raise numbering.StampError("not one text line")

    monkeypatch.setattr(numbering, "stamper", unexpected)
    data = numbering.merge_numbered([text_pages(2, numbered=False), text_pages(1, False)])
    assert footers(data) == [(1, 3), (2, 3), (3, 3)]


def test_it_evens_out_a_short_plan_s_two_pieces_with_the_diagram_page():
    # Seven predicted pages: four in the first piece, three and the diagram in the second.
    assert short_cut([0, 3, 8, 12, 16, 20, 24]) == 16
    assert short_cut([0, 5, 9]) == 9  # two pages, then one and the diagram
    assert short_cut([0, 5]) is None  # too short to be worth cutting
