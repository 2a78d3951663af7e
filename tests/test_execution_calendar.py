"""The calendar: the year month by month (September to August), expected, held, cancelled and
moved, for the user's units (everyone's, with a unit filter, for methodists and admins)."""

import re
from datetime import date

import pytest

from execution.models import ActivityChange, Occurrence
from tests.conftest import login
from tests.factories import ActivityFactory, PlanFactory, PlanRowFactory
from tests.plan_editing_support import months
from tests.recording_support import body, today, url  # noqa: F401

pytestmark = pytest.mark.usefixtures("today")


def month_section(page, month):
    found = re.search(rf'id="month-{month}">(.*?)</section>', page, re.S)
    return found.group(1)


@pytest.fixture
def year_of_activities(row):
    held = ActivityFactory(row=row, title="Экскурсия", months=months(10))
    Occurrence.objects.create(activity=held, date=date(2025, 10, 7), children=10)
    cancelled = ActivityFactory(row=row, title="Концерт", months=months(11))
    ActivityChange.objects.create(activity=cancelled, month=11, kind="cancelled",
                                  reason="Карантин")
    moved = ActivityFactory(row=row, title="Выставка", months=months(3))
    ActivityChange.objects.create(activity=moved, month=3, kind="moved", to_month=4,
                                  reason="Ремонт")
    ActivityFactory(row=row, title="Ёлка", months=months(12))
    return row


def test_it_shows_the_year_from_september_to_august(client, owner, year_of_activities):
    page = body(login(client, owner).get(url("calendar")))
    headings = re.findall(r'id="month-(\d+)">(\w+) (\d{4})', page)
    assert [int(m) for m, _name, _year in headings] == [9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8]
    assert headings[0][1:] == ("Сентябрь", "2025") and headings[-1][1:] == ("Август", "2026")
    assert "Экскурсия" in month_section(page, 10) and "проведено" in month_section(page, 10)
    assert "07.10" in month_section(page, 10)
    assert "отменено" in month_section(page, 11) and "Карантин" in month_section(page, 11)
    assert "в этом месяце" in month_section(page, 12)
    assert "перенесено на апрель" in month_section(page, 3)
    assert "Выставка" in month_section(page, 4) and "перенесено с месяца «март»" in (
        month_section(page, 4))


def test_a_teacher_sees_only_their_units(client, owner, other_unit, year_of_activities):
    other_row = PlanRowFactory(plan=PlanFactory(unit=other_unit, year=2025))
    ActivityFactory(row=other_row, title="Чужое", months=months(12))
    page = body(login(client, owner).get(url("calendar")))
    assert "Ёлка" in page and "Чужое" not in page
    assert 'name="unit"' not in page


def test_a_methodist_sees_every_unit_and_filters_one(client, methodist, unit, other_unit,
                                                      year_of_activities):
    other_row = PlanRowFactory(plan=PlanFactory(unit=other_unit, year=2025))
    ActivityFactory(row=other_row, title="Чужое", months=months(12))
    client = login(client, methodist)
    page = body(client.get(url("calendar")))
    assert "Ёлка" in page and "Чужое" in page
    page = body(client.get(url("calendar"), {"unit": other_unit.pk}))
    assert "Ёлка" not in page and "Чужое" in page


def test_it_selects_another_year(client, owner, year_of_activities):
    PlanFactory(unit=year_of_activities.plan.unit, year=2024)
    client = login(client, owner)
    page = body(client.get(url("calendar"), {"year": "2024"}))
    assert "Сентябрь 2024" in page and "Ёлка" not in page


@pytest.mark.parametrize("query", [{"year": "abc"}, {"year": "99999999999999999999"},
                                   {"unit": "-1"}, {"unit": "x"}, {"year": "1900"}])
def test_it_survives_bad_filters(client, methodist, year_of_activities, query):
    response = login(client, methodist).get(url("calendar"), query)
    assert response.status_code == 200
    assert "Сентябрь 2025" in body(response)  # the current year, as if no filter was given


def test_its_queries_do_not_grow_with_occurrences(
    client, methodist, row, django_assert_max_num_queries
):
    client = login(client, methodist)
    activity = ActivityFactory(row=row, months=months(10, 11))
    Occurrence.objects.create(activity=activity, date=date(2025, 10, 1))
    ActivityChange.objects.create(activity=activity, month=11, kind="cancelled", reason="Нет")
    with django_assert_max_num_queries(40) as few:
        client.get(url("calendar"))
    for _n in range(5):
        more = ActivityFactory(row=PlanRowFactory(plan=PlanFactory(year=2025)),
                               months=months(10, 11))
        Occurrence.objects.create(activity=more, date=date(2025, 10, 2))
        ActivityChange.objects.create(activity=more, month=11, kind="moved", to_month=12,
                                      reason="Нет")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("calendar"))
