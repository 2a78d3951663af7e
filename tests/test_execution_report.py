"""A plan's year-end report (issue 12, item 5): its figures equal the database's in the page,
the PDF and the DOCX; the plan's own order; the charts; the signature block; query counts."""

import io
import re
from datetime import date

import pytest
from django.core.cache import cache
from django.db.models import Sum
from django.urls import reverse
from docx import Document

from execution.models import Conclusion, Occurrence
from tests.factories import UserFactory
from tests.print_support import pdf_contains, pdf_pages, squeeze
from tests.report_support import FIGURES, execute, figures_text, more_occurrences


@pytest.fixture
def executed(plan):
    plan.unit.name_genitive = "творческого объединения «Тест»"
    plan.unit.save()
    return execute(plan)


@pytest.fixture
def conclusion(plan, owner):
    owner.first_name, owner.last_name = "Нина", "Кузнецова"
    owner.save()
    return Conclusion.objects.create(
        plan=plan, achieved="Дети побывали в музее.", difficulties="Карантин в декабре.",
        next_year="Больше выставок.", updated_by=owner,
    )


def page_figures(html: str) -> dict[str, str]:
    summary = html.split('id="report-summary"')[1].split("</section>")[0]
    pairs = re.findall(r"<dt[^>]*>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", summary, re.S)
    return {label.strip(): value.strip() for label, value in pairs}


def docx_text(data: bytes) -> tuple[Document, str]:
    word = Document(io.BytesIO(data))
    parts = [p.text for p in word.paragraphs]
    for table in word.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return word, "\n".join(parts)


def test_it_counts_the_report_as_the_database_holds_it(client, owner, plan, executed):
    client.force_login(owner)
    response = client.get(reverse("reports:plan", args=[plan.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert page_figures(html) == FIGURES
    people = Occurrence.objects.filter(activity__row__plan=plan).aggregate(
        c=Sum("children"), a=Sum("adults")
    )
    assert FIGURES["Участвовало детей"] == str(people["c"])
    assert FIGURES["Участвовало взрослых"] == str(people["a"])
    assert (
        "Отчёт о реализации комплексного плана работы творческого объединения «Тест» "
        "с социальными партнёрами за 2025/2026 учебный год"
    ) in html


def test_it_lists_each_partner_in_the_plans_order_with_dates_people_and_changes(
    client, owner, plan, executed
):
    client.force_login(owner)
    html = client.get(reverse("reports:plan", args=[plan.pk])).content.decode()
    assert html.index("2. МБОУ СОШ № 4") < html.index("4. Детская библиотека")
    assert "Образовательные организации" in html
    assert "05.10.2025" in html and "детей: 10, взрослых: 2" in html
    assert "Экскурсия в музей" in html
    assert "Отменено (декабрь): Карантин" in html
    assert "10.03.2026" in html and "02.04.2026" in html and "сверх плана: 1" in html
    assert "просрочено: 1" in html
    assert "Диплом I степени" in html and "Региональный" in html and "Иванова Анна" in html
    chart = r'<img class="[^"]*report-chart[^"]*" src="(data:image/svg\+xml;base64,[^"]+)"'
    charts = re.findall(chart, html)
    assert len(charts) == 2


def test_it_prints_the_same_figures_in_the_pdf(client, owner, plan, executed, conclusion):
    client.force_login(owner)
    response = client.get(reverse("reports:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = pdf_pages(response.content)
    text = "\n".join(pages)
    assert squeeze(figures_text()) in squeeze(text)
    for needle in ["Отчёт о реализации комплексного плана работы", "МБОУ СОШ № 4",
                   "05.10.2025", "10.03.2026", "02.04.2026", "Отменено (декабрь): Карантин",
                   "Диплом I степени", "Региональный", "Дети побывали в музее.",
                   "Карантин в декабре.", "Больше выставок.", "Н. Кузнецова",
                   "А. Б. Директорова", "Отчёт составил(а)"]:
        assert pdf_contains(text, needle), needle
    assert pages[0].strip().endswith(f"стр. 1 из {len(pages)}") or pdf_contains(
        pages[0], f"стр. 1 из {len(pages)}"
    )
    again = client.get(reverse("reports:plan_pdf", args=[plan.pk]))
    assert again["X-Export-Cache"] == "hit"


def test_it_embeds_the_fonts_and_the_chart_in_the_pdf(client, owner, plan, executed):
    from pypdf import PdfReader

    client.force_login(owner)
    data = client.get(reverse("reports:plan_pdf", args=[plan.pk])).content
    reader = PdfReader(io.BytesIO(data))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, "every font is embedded"
            fonts.add(str(font["/BaseFont"]).split("+", 1)[1])
    # The text in Liberation Serif; the charts' labels in DejaVu Sans (execution.charts).
    assert {"Plan-Serif", "Plan-Serif-Bold"} <= fonts <= {
        "Plan-Serif", "Plan-Serif-Bold", "DejaVu-Sans", "DejaVu-Sans-Bold"
    }
    assert pdf_contains("\n".join(pdf_pages(data)), "Запланировано и проведено по месяцам")


def test_it_writes_the_same_figures_into_the_docx(client, owner, plan, executed, conclusion):
    client.force_login(owner)
    response = client.get(reverse("reports:plan_docx", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.docx"') or ".docx" in response[
        "Content-Disposition"
    ]
    word, text = docx_text(response.content)
    summary = {row.cells[0].text: row.cells[1].text for row in word.tables[0].rows}
    assert summary == FIGURES
    for needle in ["МБОУ СОШ № 4", "Детская библиотека", "05.10.2025 · детей: 10, взрослых: 2",
                   "Отменено (декабрь): Карантин", "Диплом I степени", "Региональный",
                   "Дети побывали в музее.", "Н. Кузнецова", "А. Б. Директорова",
                   "«___» ____________ 20__ г."]:
        assert needle in text, needle
    section = word.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297


def test_it_shows_zeros_for_a_plan_with_nothing_held(client, owner, plan):
    client.force_login(owner)
    html = client.get(reverse("reports:plan", args=[plan.pk])).content.decode()
    figures = page_figures(html)
    assert figures["Запланировано"] == "0" and figures["Выполнение плана, %"] == "—"
    assert "Достижений не отмечено." in html


def test_it_runs_a_long_report_pdf_in_the_background(
    client, owner, plan, executed, settings, django_capture_on_commit_callbacks
):
    from plans.models import ExportJob

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EXPORT_SYNC_MAX_LINES = 2
    cache.clear()
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("reports:plan_pdf", args=[plan.pk]))
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.kind, job.status, job.plan) == (ExportJob.Kind.REPORT_PDF, "done", plan)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Отчёт (PDF)" in page and plan.get_absolute_url() in page
    data = client.get(reverse("plans:export_download", args=[job.pk])).content
    assert squeeze(figures_text()) in squeeze("\n".join(pdf_pages(data)))


def _report_queries(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["reports:plan", "reports:plan_pdf", "reports:plan_docx"])
def test_it_reads_the_report_in_the_same_queries_whatever_was_held(
    client, owner, plan, executed, name, django_assert_max_num_queries, settings
):
    settings.EXPORT_SYNC_MAX_LINES = 1000
    client.force_login(owner)
    url = reverse(name, args=[plan.pk])
    few = _report_queries(client, url, django_assert_max_num_queries, 20)
    more_occurrences(plan, 12)
    many = _report_queries(client, url, django_assert_max_num_queries, 20)
    assert many == few


def test_it_names_the_signers_of_the_report(client, methodist, plan, executed, conclusion):
    client.force_login(methodist)
    html = client.get(reverse("reports:plan", args=[plan.pk])).content.decode()
    assert "Н. Кузнецова" in html and "Директор" in html and "А. Б. Директорова" in html


def test_it_counts_nothing_outside_the_plans_year(client, owner, plan, executed):
    Occurrence.objects.create(activity=executed["master"], date=date(2026, 9, 2), children=99)
    client.force_login(owner)
    html = client.get(reverse("reports:plan", args=[plan.pk])).content.decode()
    assert page_figures(html) == FIGURES and "02.09.2026" not in html


def test_it_hides_another_units_report(client, other_teacher, plan, executed):
    client.force_login(other_teacher)
    for name in ("reports:plan", "reports:plan_pdf", "reports:plan_docx"):
        assert client.get(reverse(name, args=[plan.pk])).status_code == 404


def test_it_gives_a_user_without_a_role_no_report(client, plan, executed):
    client.force_login(UserFactory(username="nobody"))
    assert client.get(reverse("reports:plan", args=[plan.pk])).status_code == 404
