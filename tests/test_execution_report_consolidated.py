"""The institution's consolidated report of a year: a row per unit with a plan (zeros
visible), the units expected to keep one without it, totals equal to the sum of the units and
to the database, the achievements, the PDF (in the background when long), and who may see it."""

import re
from datetime import date

import pytest
from django.db.models import Count, Sum
from django.urls import reverse

from execution.models import Achievement, Occurrence
from partners.models import Unit
from plans.models import ExportJob
from tests.factories import ActivityFactory, PlanFactory, PlanRowFactory, UnitFactory
from tests.plan_editing_support import months
from tests.print_support import pdf_contains, pdf_pages, squeeze
from tests.report_support import execute, more_occurrences

COLUMNS = ["planned", "held", "percent", "overdue", "cancelled", "extra", "children", "adults"]
URL = reverse("reports:consolidated", args=[2025])


@pytest.fixture
def institution_year(plan, other_unit):
    """Three units: «Тест» with the known execution, «Другое» with one occurrence, an empty
    plan; a creative association without a plan, and a hall (keeps none) without one."""
    execute(plan)
    other = PlanFactory(unit=other_unit, year=2025)
    activity = ActivityFactory(row=PlanRowFactory(plan=other), months=months(9, 10))
    held = Occurrence.objects.create(activity=activity, date=date(2025, 9, 9), children=7)
    Achievement.objects.create(
        occurrence=held, title="Гран-при", level=Achievement.Level.INTERNATIONAL, name="Ансамбль"
    )
    empty = PlanFactory(unit=UnitFactory(name="Пустое объединение"), year=2025)
    UnitFactory(name="Объединение без плана")
    UnitFactory(name="Выставочный зал", kind=Unit.Kind.HALL)
    return {"plans": [plan, other, empty]}


def unit_rows(html: str) -> dict[str, list[str]]:
    table = html.split('id="report-units"')[1].split("</table>")[0]
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S):
        found = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in found]
        if cells:
            rows[cells[1]] = cells[2:]
    return rows


def test_it_adds_the_units_up_to_the_institutions_totals(client, methodist, institution_year):
    client.force_login(methodist)
    response = client.get(URL)
    assert response.status_code == 200
    rows = unit_rows(response.content.decode())
    totals = rows.pop("Всё учреждение")
    assert rows["Творческое объединение «Тест»"] == ["3", "2", "67", "1", "1", "1", "35", "3"]
    assert rows["Театральное объединение «Другое»"] == ["2", "1", "50", "1", "0", "0", "7", "0"]
    assert rows["Пустое объединение"] == ["0", "0", "—", "0", "0", "0", "0", "0"]
    for index, column in enumerate(COLUMNS):
        if column != "percent":
            assert int(totals[index]) == sum(int(r[index]) for r in rows.values()), column
    people = Occurrence.objects.aggregate(c=Sum("children"), a=Sum("adults"), n=Count("pk"))
    assert (int(totals[6]), int(totals[7])) == (people["c"], people["a"])
    assert int(totals[1]) + int(totals[5]) == people["n"]
    assert totals[2] == "60"


def test_it_lists_the_units_expected_to_keep_a_plan_without_one(
    client, methodist, institution_year
):
    client.force_login(methodist)
    html = client.get(URL).content.decode()
    missing = html.split('id="units-without-plan"')[1].split("</ul>")[0]
    assert "Объединение без плана" in missing and "Выставочный зал" not in missing
    assert "Пустое объединение" not in missing


def test_it_lists_the_achievements_by_level(client, administrator, institution_year):
    client.force_login(administrator)
    html = client.get(URL).content.decode()
    levels = html.split('id="achievement-levels"')[1].split("</p>")[0]
    assert "Международный: <strong>1</strong>" in levels
    assert "Региональный: <strong>1</strong>" in levels
    assert "Муниципальный: <strong>0</strong>" in levels
    assert "Гран-при" in html and "Ансамбль" in html and "Театральное объединение «Другое»" in html
    assert html.count("data:image/svg+xml;base64,") == 2


def test_it_refuses_teachers_and_strangers(client, owner, institution_year):
    assert client.get(URL).status_code == 302
    client.force_login(owner)
    assert client.get(URL).status_code == 403
    assert client.get(reverse("reports:consolidated_pdf", args=[2025])).status_code == 403


def test_it_prints_the_consolidated_pdf_at_once_when_short(client, methodist, institution_year):
    client.force_login(methodist)
    response = client.get(reverse("reports:consolidated_pdf", args=[2025]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(pdf_pages(response.content))
    assert pdf_contains(text, "Сводный отчёт о реализации планов работы с социальными партнёрами")
    assert pdf_contains(text, "Всё учреждение 5 3 60 2 1 1 42 3")
    assert pdf_contains(text, "Объединение без плана") and pdf_contains(text, "Гран-при")


def test_it_runs_a_long_consolidated_pdf_in_the_background(
    client, methodist, institution_year, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EXPORT_SYNC_MAX_LINES = 3
    client.force_login(methodist)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("reports:consolidated_pdf", args=[2025]))
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.kind, job.year, job.plan, job.status) == ("report_pdf", 2025, None, "done")
    page = client.get(job.get_absolute_url()).content.decode()
    assert reverse("reports:consolidated", args=[2025]) in page
    data = client.get(reverse("plans:export_download", args=[job.pk])).content
    assert "Всёучреждение5360" in squeeze("\n".join(pdf_pages(data)))


def test_it_reads_the_consolidated_report_in_the_same_queries_whatever_the_size(
    client, methodist, plan, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    execute(plan)
    client.force_login(methodist)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    few = queries()
    more_occurrences(plan, 8)
    for n in range(4):
        other = PlanFactory(unit=UnitFactory(name=f"Объединение {n}"), year=2025)
        more_occurrences(other, 3)
    with django_assert_max_num_queries(few):
        assert client.get(URL).status_code == 200


def test_it_redirects_to_the_current_year_and_refuses_absurd_years(client, methodist):
    client.force_login(methodist)
    assert client.get(reverse("reports:consolidated_current")).status_code == 302
    assert client.get(reverse("reports:consolidated", args=[1900])).status_code == 404
    assert client.get(reverse("reports:consolidated", args=[2030])).status_code == 200
