"""The plan as a PDF: text read back with pypdf, fonts, the approval block, the draft mark,
page numbers, the diagram page, escaping, the URL fetcher and the cache."""

import io
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.urls import reverse
from pypdf import PdfReader

from partners.models import Tier
from plans.exports import PdfExporter
from plans.exports.fetcher import STATIC_DIR, LocalFilesFetcher, RefusedURL
from plans.exports.pdf import html_to_pdf
from tests.factories import (
    ActivityFactory,
    CategoryFactory,
    PartnerFactory,
    PlanRowFactory,
)
from tests.print_support import pdf_contains, pdf_pages, seed_plans
from tests.test_demo import SEED_NUMBERED


def approve(plan, user, order="112-о", day=date(2025, 8, 29)):
    plan.status = plan.Status.APPROVED
    plan.approved_by = user
    plan.approved_at = day
    plan.approval_order = order
    plan.save()
    return plan


def test_it_prints_all_25_seed_lines_under_the_approval_block(demo):
    approved, _draft = seed_plans()
    data = PdfExporter(approved).render()
    pages = pdf_pages(data)
    text = "\n".join(pages)
    for number, name in SEED_NUMBERED:
        assert pdf_contains(text, f"{number}. {name}"), name
    first = pages[0]
    assert "УТВЕРЖДАЮ" in first
    assert "Директор МБУ ДО Центр «Созвездие»" in first
    assert "Е. В. Смирнова" in first
    assert f"«29» августа {approved.year} г." in first
    assert "Приказ № 112-о" in first
    assert pdf_contains(
        first,
        "Комплексный план работы творческого объединения «Рукодельница» с социальными "
        f"партнёрами на {approved.academic_year} учебный год",
    )
    assert "ПРОЕКТ" not in text


def test_it_numbers_the_pages_and_repeats_the_table_header(demo):
    approved, _draft = seed_plans()
    pages = pdf_pages(PdfExporter(approved).render())
    total = len(pages)
    assert total >= 3
    for number, page in enumerate(pages, start=1):
        assert f"стр. {number} из {total}" in page
    for page in pages[1:-1]:  # every table page, the diagram page aside
        assert "Соц. партнёр" in page and "Период" in page


def test_it_puts_the_diagram_on_a_page_of_its_own(demo):
    approved, _draft = seed_plans()
    pages = pdf_pages(PdfExporter(approved).render())
    last = pages[-1]
    assert pdf_contains(last, "Модель взаимодействия творческого объединения «Рукодельница»")
    assert pdf_contains(last, "Правоохранительные органы:")
    assert "Соц. партнёр" not in last
    assert all("Модель взаимодействия" not in page for page in pages[:-1])


def test_it_marks_a_draft_with_projekt_once_on_its_first_page(demo):
    _approved, draft = seed_plans()
    pages = pdf_pages(PdfExporter(draft).render())
    assert len(pages) >= 3
    assert "".join(pages).count("ПРОЕКТ") == 1
    assert "ПРОЕКТ" in pages[0]
    assert "УТВЕРЖДАЮ" not in "".join(pages)


def test_it_embeds_its_fonts_and_sets_the_metadata(demo):
    approved, _draft = seed_plans()
    reader = PdfReader(io.BytesIO(PdfExporter(approved).render()))
    assert reader.metadata.title.startswith("Комплексный план работы")
    assert "Центр «Созвездие»" in reader.metadata.author
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, "every font is embedded"
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[1])
    assert fonts <= {"Plan-Serif", "Plan-Serif-Bold"}


# Without the keep-with-next rules of print.css, each of these shapes leaves a heading alone
# at the bottom of some page.
@pytest.mark.parametrize(("partners", "activities"), [(1, 1), (3, 2), (2, 3)])
def test_it_keeps_every_category_heading_with_the_row_after_it(plan, partners, activities):
    first_after = {}
    for c in range(12):
        category = CategoryFactory(name=f"Категория номер {c}", tier=Tier.EXTERNAL, order=c)
        for p in range(partners):
            row = PlanRowFactory(
                plan=plan, partner=PartnerFactory(name=f"Партнёр {c}-{p}", category=category)
            )
            first_after.setdefault(category.heading, row.partner.name)
            for a in range(activities):
                ActivityFactory(row=row, title=f"Мероприятие {c}-{p}-{a}")
    pages = pdf_pages(PdfExporter(plan).render())[:-1]  # the diagram page names groups too
    assert len(pages) > 1
    for heading, partner in first_after.items():
        holding = [page for page in pages if pdf_contains(page, heading)]
        assert len(holding) == 1
        assert pdf_contains(holding[0], partner), f"{heading} left alone at the bottom"


def test_it_prints_markup_in_names_as_text(plan):
    name = 'Клуб <b>«Смелые & умелые»</b> "тест"'
    row = PlanRowFactory(plan=plan, partner=PartnerFactory(name=name),
                         characteristic="<script>alert(1)</script>")
    ActivityFactory(row=row, title="Игра <i>&amp;</i>")
    text = "\n".join(pdf_pages(PdfExporter(plan).render()))
    assert pdf_contains(text, name)
    assert pdf_contains(text, "<script>alert(1)</script>")
    assert pdf_contains(text, "Игра <i>&amp;</i>")


def test_it_prints_a_plan_without_rows(plan):
    text = "\n".join(pdf_pages(PdfExporter(plan).render()))
    assert "В плане пока нет строк" in text or "нет строк" in text
    assert "ПРОЕКТ" in text


# --- the URL fetcher: local files only -------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x.png",
        "https://example.org/font.ttf",
        "ftp://example.org/a",
        "file:///etc/passwd",
        "file://evil.example.org/share/a.png",
        f"{(STATIC_DIR / '..' / 'manage.py').resolve().as_uri()}",
        "gopher://127.0.0.1:25/",
        "//example.org/a.png",
    ],
)
def test_it_refuses_any_url_but_local_static_files(url):
    with pytest.raises((RefusedURL, ValueError)):
        LocalFilesFetcher().fetch(url)


def test_it_reads_static_files_and_data_urls():
    fetcher = LocalFilesFetcher()
    font = fetcher.fetch((STATIC_DIR / "fonts" / "LiberationSerif-Regular.ttf").as_uri())
    assert font.read()[:4] == b"\x00\x01\x00\x00"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


def test_it_never_calls_a_network_address_while_printing():
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        html = (
            f'<link rel="stylesheet" href="http://127.0.0.1:{port}/a.css">'
            f'<style>@import url("http://127.0.0.1:{port}/b.css");</style>'
            f'<img src="http://127.0.0.1:{port}/c.png"><p>Текст</p>'
        )
        data = html_to_pdf(html)
    finally:
        server.shutdown()
        server.server_close()
    assert data.startswith(b"%PDF")
    assert hits == []


# --- the view and its cache ----------------------------------------------------------------
def test_it_serves_an_unchanged_plan_from_the_cache_and_misses_after_an_edit(
    client, owner, plan
):
    row = PlanRowFactory(plan=plan, partner=PartnerFactory(name="ГИБДД"))
    activity = ActivityFactory(row=row, title="Беседа")
    client.force_login(owner)
    url = reverse("plans:pdf", args=[plan.pk])

    first = client.get(url)
    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    assert first["X-Export-Cache"] == "miss"
    assert "attachment" in first["Content-Disposition"]
    second = client.get(url)
    assert second["X-Export-Cache"] == "hit"
    assert second.content == first.content

    activity.title = "Беседа о безопасности"
    activity.save()
    assert client.get(url)["X-Export-Cache"] == "miss"
    assert client.get(url)["X-Export-Cache"] == "hit"

    institution = plan.unit.institution
    institution.director_name = "Н. Н. Новая"
    institution.save()
    # A draft prints no approval block: the director's name is not in it, so nothing changed.
    assert client.get(url)["X-Export-Cache"] == "hit"
    institution.name = "МБУ ДО Центр «Новый»"
    institution.save()
    assert client.get(url)["X-Export-Cache"] == "miss"

    # Sent for review, the plan still prints as a draft: the same PDF.
    plan.status = plan.Status.REVIEW
    plan.save()
    assert client.get(url)["X-Export-Cache"] == "hit"


def test_it_misses_the_cache_when_the_approval_changes(client, administrator, plan):
    PlanRowFactory(plan=plan)
    client.force_login(administrator)
    url = reverse("plans:pdf", args=[plan.pk])
    client.get(url)
    approve(plan, administrator, order="1")
    response = client.get(url)
    assert response["X-Export-Cache"] == "miss"
    assert "УТВЕРЖДАЮ" in pdf_pages(response.content)[0]
    plan.status = plan.Status.DRAFT  # an approved plan changes only after going back to draft
    plan.save()
    approve(plan, administrator, order="2")
    response = client.get(url)
    assert response["X-Export-Cache"] == "miss"
    assert "Приказ № 2" in pdf_pages(response.content)[0]
