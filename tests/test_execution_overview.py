"""The methodist's execution view (issue 12, item 4): the numbers, the zeros, the overdue first,
the filters, the drill-down behind every number, the roles and bad input."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from execution.overview import services
from execution.overview.filters import OverviewParams
from execution.overview.services import counts_in
from tests.conftest import login
from tests.overview_support import TODAY, YEAR, build_year, freeze


@pytest.fixture
def year(plan, other_unit, monkeypatch):
    freeze(monkeypatch)
    return build_year(plan, other_unit)


def overview_of(client, user, **query):
    response = login(client, user).get(reverse("overview:index"), {"year": YEAR, **query})
    assert response.status_code == 200
    return response


def numbers(line) -> dict:
    return {cell.column.key: cell.value for cell in line.cells}


def table(response, table_id):
    return next(t for t in response.context["overview"].tables if t.id == table_id)


def test_it_counts_what_the_database_holds(client, methodist, year):
    response = overview_of(client, methodist)
    total = response.context["overview"].total.counts
    assert (total.planned, total.held, total.overdue, total.due) == (4, 1, 2, 1)
    assert (total.cancelled, total.extra, total.occurrences) == (1, 1, 2)
    assert (total.children, total.adults) == (17, 2)
    assert response.context["overview"].loaded.today == TODAY


def test_it_counts_by_unit_and_shows_zeros_and_units_without_a_plan(client, methodist, year):
    lines = {line.label: line for line in table(overview_of(client, methodist), "by-unit").lines}
    own = numbers(lines["Творческое объединение «Тест»"])
    assert own == {"planned": 3, "held": 1, "percent": 33, "overdue": 1, "cancelled": 1,
                   "extra": 1, "children": 17, "adults": 2}
    other = numbers(lines["Театральное объединение «Другое»"])
    assert (other["planned"], other["held"], other["overdue"], other["children"]) == (1, 0, 1, 0)
    missing = lines["Объединение «Без плана»"]
    assert missing.missing and missing.counts.planned == 0


def test_it_counts_by_partner_category_direction_and_month(client, methodist, year):
    response = overview_of(client, methodist)
    partners = {line.label: numbers(line) for line in table(response, "by-partner").lines}
    assert list(partners) == ["Родители", "МБОУ СОШ № 4"]  # internal partners first
    assert partners["МБОУ СОШ № 4"]["held"] == 1
    categories = {line.label: numbers(line) for line in table(response, "by-category").lines}
    assert categories["Семьи"]["overdue"] == 1 and categories["Образовательные организации"][
        "planned"] == 3
    directions = {line.label: numbers(line) for line in table(response, "by-direction").lines}
    assert directions["Экология"]["planned"] == 3
    assert directions["Без направления"]["overdue"] == 1
    months = {line.label: numbers(line) for line in table(response, "by-month").lines}
    assert list(months)[0] == "Сентябрь" and list(months)[-1] == "Август"
    assert months["Октябрь"]["held"] == 1 and months["Ноябрь"]["overdue"] == 1
    assert months["Ноябрь"]["extra"] == 1 and months["Ноябрь"]["children"] == 5
    assert months["Сентябрь"]["cancelled"] == 1 and months["Сентябрь"]["overdue"] == 1
    assert months["Март"]["planned"] == 0  # zeros shown


def test_it_puts_what_is_overdue_first(client, methodist, year):
    body = overview_of(client, methodist).content.decode()
    assert body.index('id="overdue"') < body.index('id="totals-title"')
    assert body.index('id="overdue"') < body.index(f'action="{reverse("overview:index")}"')
    overdue = reverse("overview:activities")
    assert re.search(rf'href="{overdue}\?[^"]*status=overdue[^"]*">2</a>', body)


def test_it_says_when_nothing_is_overdue(client, methodist, year, monkeypatch):
    freeze(monkeypatch, TODAY.replace(month=9, day=2))
    body = overview_of(client, methodist, unit=year["no_plan"].pk).content.decode()
    assert "Ничего не просрочено" in body


def test_it_narrows_by_every_filter(client, methodist, year, unit, other_unit):
    def total(**query):
        return overview_of(client, methodist, **query).context["overview"].total.counts

    assert total(unit=other_unit.pk).planned == 1
    assert total(unit=[unit.pk, other_unit.pk]).planned == 4
    assert total(tier="internal").planned == 1
    assert total(category=year["schools"].pk).planned == 3
    assert total(direction=year["ecology"].pk).planned == 3
    assert total(direction="null").overdue == 1
    assert total(partner=year["parents"].pk).planned == 1
    assert total(year=YEAR + 1).planned == 0


def test_it_lists_achievements_with_their_levels(client, methodist, year):
    response = overview_of(client, methodist)
    found = response.context["overview"].achievements
    assert [(a.title, a.level, a.name) for a in found] == [
        ("Диплом I степени", "regional", "Иванова Анна")]
    assert ("regional", "региональный", 1) in [
        (v, str(label), n) for v, label, n in response.context["overview"].levels]
    body = response.content.decode()
    assert "Диплом I степени" in body and "Региональный" in body and "10.10.2025" in body


def test_it_draws_both_charts_as_svg_images(client, methodist, year):
    body = overview_of(client, methodist).content.decode()
    assert body.count('src="data:image/svg+xml;base64,') == 2
    assert "<script" not in body.split("<main", 1)[-1].split("</main>")[0]


# --------------------------------------------------------------------------- the drill-down


def drill(client, user, url):
    response = login(client, user).get(url)
    assert response.status_code == 200
    return response


def cell_urls(response):
    for t in response.context["overview"].tables:
        for line in [*t.lines, t.total]:
            for cell in line.cells:
                if cell.url:
                    yield cell


def test_it_lists_exactly_the_activities_behind_each_number(client, methodist, year):
    """Behind every linked number: activities whose counts add up to the number."""
    cells = list(cell_urls(overview_of(client, methodist)))
    assert len(cells) > 20
    for cell in cells:
        response = drill(client, methodist, cell.url)
        month = response.context["drill_form"].choice()[1]
        tallies = [line.tally for line in response.context["lines"]]
        assert tallies, cell.url
        assert sum(getattr(counts_in(t, month), cell.column.key) for t in tallies) == cell.value


def test_it_lists_the_overdue_activities_with_their_slots(client, methodist, year):
    response = drill(client, methodist, reverse("overview:activities") + "?status=overdue")
    titles = [line.activity.title for line in response.context["lines"]]
    assert sorted(titles) == ["Собрание", "Экскурсии"]
    body = response.content.decode()
    assert "просрочено" in body and "проведено" in body  # the slots' states
    trips = year["trips"]
    assert f'{trips.row.plan.get_absolute_url()}#activity-{trips.pk}' in body


def test_it_narrows_the_drill_down_by_unit_and_month(client, methodist, year, unit):
    url = reverse("overview:activities")
    response = drill(client, methodist, f"{url}?status=overdue&unit={unit.pk}&month=11")
    assert [line.activity.title for line in response.context["lines"]] == ["Экскурсии"]
    response = drill(client, methodist, f"{url}?status=cancelled")
    body = response.content.decode()
    assert [line.activity.title for line in response.context["lines"]] == ["Выставка"]
    assert "Музей закрыт на ремонт" in body
    response = drill(client, methodist, f"{url}?status=extra")
    assert [line.activity.title for line in response.context["lines"]] == ["Консультации"]


# --------------------------------------------------------------------------- roles


def test_teachers_see_their_own_units_only(client, owner, other_teacher, year):
    own = overview_of(client, owner)
    assert own.context["overview"].total.counts.planned == 3
    assert [line.label for line in table(own, "by-unit").lines] == ["Творческое объединение «Тест»"]
    other = overview_of(client, other_teacher)
    assert other.context["overview"].total.counts.planned == 1
    assert not other.context["overview"].achievements
    response = drill(client, other_teacher, reverse("overview:activities"))
    assert [line.activity.title for line in response.context["lines"]] == ["Собрание"]


def test_another_units_id_is_a_form_error(client, other_teacher, year, unit):
    response = overview_of(client, other_teacher, unit=unit.pk)
    assert response.context["filter"].form.errors["unit"]
    assert response.context["overview"].total.counts.planned == 1


BAD_FILTERS = [
    {"year": "abc"}, {"year": "99999999999999999999"}, {"unit": "-1"}, {"tier": "x"},
    {"category": "2" * 30}, {"direction": "nope"}, {"partner": "\x00"},
]
BAD_DRILLS = [{"status": "everything"}, {"month": "13"}, {"month": "²"}]


@pytest.mark.parametrize("name", ["overview:index", "overview:activities"])
@pytest.mark.parametrize("query", BAD_FILTERS)
def test_it_answers_a_bad_filter_with_a_form_error(client, methodist, year, name, query):
    response = login(client, methodist).get(reverse(name), query)
    assert response.status_code == 200
    assert response.context["filter"].form.errors
    assert "Выберите корректный вариант" in response.content.decode()


@pytest.mark.parametrize("query", BAD_DRILLS)
def test_it_answers_a_bad_drill_down_with_a_form_error(client, methodist, year, query):
    response = login(client, methodist).get(reverse("overview:activities"), query)
    assert response.status_code == 200
    assert response.context["drill_form"].errors
    assert "не распознаны" in response.content.decode()


def test_it_shows_zeros_unlinked_and_units_without_a_plan(client, methodist, year):
    body = overview_of(client, methodist).content.decode()
    assert "Объединение «Без плана»" in body and "нет плана на год" in body
    assert '<td class="text-end text-body-secondary">0</td>' in body
    assert 'status=held&amp;month=10"' in body  # October: one held, linked
    assert 'status=held&amp;month=3"' not in body  # March: nothing held, nothing behind it


def test_the_export_holds_the_tables(client, methodist, year):
    from io import BytesIO

    from openpyxl import load_workbook

    response = login(client, methodist).get(reverse("overview:xlsx"), {"year": YEAR})
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    assert len(book.sheetnames) == 6
    units = book.worksheets[0]
    values = [[c.value for c in row] for row in units.iter_rows()]
    assert ["Творческое объединение «Тест»", None, 3, 1, 33, 1, 1, 1, 17, 2] in values
    assert ["Итого", None, 4, 1, 25, 2, 1, 1, 17, 2] in values


def test_the_page_params_keep_the_filters_in_links(year, unit):
    params = OverviewParams(year=YEAR, units=(unit,), partner=year["school"])
    query = urlsplit(params.activities_url(status="held")).query
    assert f"unit={unit.pk}" in query and f"partner={year['school'].pk}" in query


def test_the_view_judges_on_the_seams_today(methodist, year, monkeypatch):
    loaded = services.load(methodist, OverviewParams(year=YEAR))
    assert loaded.today == TODAY
