"""The coverage review: the page, the drill-down and the exports."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from partners.models import Agreement, Category, Unit
from plans import demo_data
from plans.models import Plan, current_academic_year
from plans.periods import ACADEMIC_MONTHS, Frequency
from plans.review.coverage import REGULAR_MARK
from tests.coverage_support import DEMO_YEAR, demo_coverage, user
from tests.factories import (
    ActivityFactory,
    CategoryFactory,
    DirectionFactory,
    PartnerFactory,
    PlanFactory,
    PlanRowFactory,
    UnitFactory,
)

# --------------------------------------------------------------------------- the page


def test_it_shows_the_methodist_the_gaps_at_once(client, demo):
    client.force_login(user("methodist"))

    response = client.get(reverse("coverage:index"), {"year": DEMO_YEAR})

    assert response.status_code == 200
    body = response.content.decode()
    for name in demo_data.EMPTY_PARTNERS:
        assert name in body
    assert "Партнёры без мероприятий" in body
    assert "С чего начать" in body
    assert "Один раз в квартал" in body  # regular work, by frequency
    assert "каникулы" in body  # the summer months: shown, not flagged
    empty_rows = response.context["coverage"].empty_rows
    for row in empty_rows:
        assert f'href="{row.get_absolute_url()}"' in body


def test_it_keeps_the_filters_in_the_url(client, demo):
    client.force_login(user("methodist"))
    culture = Category.objects.get(name="Учреждения культуры")
    unit = Unit.objects.get(name="Творческое объединение «Рукодельница»")

    response = client.get(
        reverse("coverage:index"),
        {"year": DEMO_YEAR, "unit": unit.pk, "tier": "external", "category": culture.pk},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert f"category={culture.pk}" in response.context["xlsx_url"]
    assert f"unit={unit.pk}" in response.context["pdf_url"]
    assert "МБОУ гимназия" not in body.split('id="empty-partners"')[1].split("</section>")[0]


@pytest.mark.parametrize(
    "bad",
    [
        {"year": "abc"},
        {"year": "99999"},
        {"unit": "999999"},
        {"unit": "x"},
        {"tier": "<script>"},
        {"category": "-1"},
        {"direction": "nope"},
        {"direction": "null"},
        {"partner": "abc", "month": "13", "period": "<b>"},
        {"partner": "999999", "month": "-1"},
    ],
)
def test_it_survives_malformed_filters(client, methodist, plan, bad):
    client.force_login(methodist)
    for name in ["coverage:index", "coverage:activities", "coverage:xlsx"]:
        assert client.get(reverse(name), bad).status_code == 200


def test_it_shows_the_errors_of_bad_filters_next_to_them(client, methodist, plan):
    client.force_login(methodist)
    response = client.get(reverse("coverage:index"), {"unit": "999999"})
    assert "invalid-feedback" in response.content.decode()


def test_it_renders_the_page_in_the_same_number_of_queries_for_one_unit_and_fifty(
    client, methodist, django_assert_max_num_queries
):
    directions = [DirectionFactory(name=f"направление {i}") for i in range(3)]

    def add_unit():
        unit = UnitFactory()
        plan = PlanFactory(unit=unit, year=2025)
        PlanFactory(unit=unit, year=2024)
        for i in range(3):
            row = PlanRowFactory(plan=plan, partner=PartnerFactory())
            row.directions.set(directions[: i + 1])
            ActivityFactory.create_batch(i, row=row)
        Agreement.objects.create(
            partner=row.partner, unit=unit, valid_from=date(2025, 1, 1),
            valid_until=date(2025, 10, 1),
        )

    add_unit()
    client.force_login(methodist)
    url = reverse("coverage:index")
    with CaptureQueriesContext(connection) as one:
        assert client.get(url, {"year": 2025}).status_code == 200
    for _ in range(49):
        add_unit()
    with CaptureQueriesContext(connection) as fifty:
        response = client.get(url, {"year": 2025})
    assert len(response.context["coverage"].units) == 50
    assert len(fifty.captured_queries) == len(one.captured_queries)
    assert len(one.captured_queries) <= 20


# --------------------------------------------------------------------------- drill-down


def test_it_lists_the_activities_behind_a_cell(client, demo):
    client.force_login(user("methodist"))
    coverage = demo_coverage()
    line = next(ln for ln in coverage.partner_month.lines if ln.label.startswith("Родители"))
    november = line.cells[ACADEMIC_MONTHS.index(11)]
    assert november.count == 2 and november.regular

    response = client.get(november.url)

    assert response.status_code == 200
    pairs = response.context["pairs"]
    pinned = {a.title for a, _row in pairs if a.months}
    assert pinned == {"Мастер-класс.", "Открытые занятия."}
    # Regular work spanning November is behind the cell too.
    assert len(pairs) == 2 + november.regular
    assert all(a.frequency and not a.months for a, _row in pairs if a.title not in pinned)
    assert "ноябрь" in response.content.decode()


def test_it_lists_the_activities_not_tied_to_a_month(client, demo):
    client.force_login(user("methodist"))
    response = client.get(
        reverse("coverage:activities"), {"year": DEMO_YEAR, "period": Frequency.QUARTERLY}
    )
    assert len(response.context["pairs"]) == 8
    assert all(a.frequency == Frequency.QUARTERLY and not a.months
               for a, _row in response.context["pairs"])


def test_it_links_every_nonzero_cell_and_no_zero(demo):
    coverage = demo_coverage()
    for matrix in (coverage.partner_month, coverage.category_direction, coverage.unit_direction):
        for line in matrix.lines:
            for cell in line.cells:
                assert bool(cell.url) == (cell.count > 0 or cell.regular > 0)


def test_it_hides_other_units_activities_from_a_teacher(client, demo):
    client.force_login(user("teacher2"))
    response = client.get(reverse("coverage:activities"), {"year": DEMO_YEAR})
    assert response.status_code == 200
    # Only teacher2's own plan's activities, never «Рукодельница»'s.
    units = {row.plan.unit.name for _activity, row in response.context["pairs"]}
    assert units <= {"Театральное объединение «Хорошее настроение»"}


# --------------------------------------------------------------------------- exports


def test_it_exports_the_view_as_xlsx_with_a_sheet_per_gap(client, demo):
    client.force_login(user("methodist"))

    response = client.get(reverse("coverage:xlsx"), {"year": DEMO_YEAR})

    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Партнёры без мероприятий" in workbook.sheetnames
    sheet = workbook["Партнёры без мероприятий"]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == sorted(demo_data.EMPTY_PARTNERS)
    links = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert all("#row-" in link and link.startswith("http") for link in links)
    for title in [
        "Сводка",
        "Партнёры вне планов",
        "Месяцы",
        "Категории без партнёров",
        "Направления без мероприятий",
        "Подразделения без плана",
        "Договоры истекают",
        "Нет действующего договора",
        "Партнёр × месяц",
        "Категория × направление",
        "Подразделение × направление",
        "Сравнение с прошлым годом",
    ]:
        assert title in workbook.sheetnames, title
    month_rows = list(workbook["Месяцы"].iter_rows(min_row=2, max_row=13, values_only=True))
    months = {row[0]: row for row in month_rows}
    assert months["Июль"][1] == 0 and months["Май"][1] == 7 and months["Май"][2] == 32
    # No working month of the demo is a gap, nor are the summer months.
    assert [row[0] for row in month_rows if row[4]] == []
    matrix = list(workbook["Партнёр × месяц"].iter_rows(values_only=True))
    assert matrix[0][1:13] == tuple(
        m.capitalize() for m in ["сентябрь", "октябрь", "ноябрь", "декабрь", "январь",
                                 "февраль", "март", "апрель", "май", "июнь", "июль", "август"]
    )
    assert "По мере необходимости" in matrix[0]
    assert "Один раз в квартал" not in matrix[0]
    # The regular work of «Организационно-педагогический отдел» shows in every working month.
    line = next(r for r in matrix if r[0] == "Организационно-педагогический отдел")
    assert line[1:10] == (REGULAR_MARK,) * 9
    assert line[10:13] == ("", "", "") or line[10:13] == (None, None, None)


def test_it_applies_the_filters_to_the_xlsx(client, demo):
    client.force_login(user("methodist"))
    culture = Category.objects.get(name="Учреждения культуры")
    response = client.get(reverse("coverage:xlsx"), {"year": DEMO_YEAR, "category": culture.pk})
    sheet = load_workbook(io.BytesIO(response.content))["Партнёры без мероприятий"]
    names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {"Детская библиотека", "Музей истории ремесел Советского района"}


def test_it_exports_the_view_as_a_pdf(client, demo):
    from pypdf import PdfReader

    client.force_login(user("methodist"))

    response = client.get(reverse("coverage:pdf"), {"year": DEMO_YEAR})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = "".join(p.extract_text() for p in reader.pages)
    assert "МБОУ гимназия" in text and "КЦСОН «Ирида»" in text
    assert "Июль" in text


def test_it_refuses_network_addresses_when_printing():
    from plans.exports.coverage import font_faces, local_url_fetcher

    fetcher = local_url_fetcher()
    for url in ["http://127.0.0.1/x.css", "https://example.org/font.ttf", "file:///etc/passwd",
                "ftp://example.org/x"]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    for face in font_faces():
        response = fetcher.fetch(face["url"])
        assert response.read(4)
        response.close()


def test_it_names_the_exports_after_the_year(client, demo):
    client.force_login(user("methodist"))
    response = client.get(reverse("coverage:xlsx"), {"year": DEMO_YEAR})
    assert f"coverage-{DEMO_YEAR}-{DEMO_YEAR + 1}.xlsx" in response["Content-Disposition"]


def test_it_exports_only_the_teachers_units(client, demo):
    client.force_login(user("teacher2"))
    response = client.get(reverse("coverage:xlsx"), {"year": DEMO_YEAR})
    sheet = load_workbook(io.BytesIO(response.content))["Партнёры без мероприятий"]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert not set(names) & set(demo_data.EMPTY_PARTNERS)


def test_it_defaults_to_the_latest_year_with_a_plan(client, methodist, unit):
    PlanFactory(unit=unit, year=current_academic_year() - 3)
    client.force_login(methodist)
    response = client.get(reverse("coverage:index"))
    assert response.context["coverage"].params.year == current_academic_year() - 3
    assert Plan.objects.count() == 1
    CategoryFactory()  # the registry may grow without breaking the default
    assert client.get(reverse("coverage:index")).status_code == 200
