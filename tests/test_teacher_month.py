"""A teacher's month on the home page: this month's and overdue activities, each with a
one-click «Проведено» (htmx swaps the short form in and back; without JavaScript it is a page)."""

from datetime import date

import pytest

from execution.models import ActivityChange, Occurrence
from tests.conftest import login
from tests.factories import ActivityFactory, PlanFactory, PlanRowFactory
from tests.plan_editing_support import months
from tests.recording_support import HTMX, TODAY, body, today, url  # noqa: F401

pytestmark = pytest.mark.usefixtures("today")


@pytest.fixture
def due(row):
    return ActivityFactory(row=row, title="Ёлка у партнёров", months=months(12), order=2)


@pytest.fixture
def overdue(activity):
    return activity  # «Экскурсии», October: overdue on 10 December


def test_it_lists_this_months_and_overdue_activities(client, owner, due, overdue, row):
    ActivityFactory(row=row, title="Весенний концерт", months=months(4))
    page = body(login(client, owner).get("/"))
    assert "В этом месяце (декабрь) и просроченное" in page
    assert "Ёлка у партнёров" in page and "Экскурсии" in page
    assert "Весенний концерт" not in page
    assert "в этом месяце" in page and "просрочено" in page
    assert f'href="{url("held", due.pk)}?next=/"' in page
    # An overdue month's «Проведено» dates the form in that month, not today.
    assert f'{url("held", overdue.pk)}?next=/&amp;month=10' in page


def test_it_leaves_out_held_cancelled_and_other_years_activities(client, owner, due, overdue):
    Occurrence.objects.create(activity=due, date=date(2025, 12, 1))
    ActivityChange.objects.create(activity=overdue, kind="cancelled", reason="Нет")
    older = PlanRowFactory(plan=PlanFactory(unit=due.row.plan.unit, year=2024))
    ActivityFactory(row=older, title="Прошлогоднее", months=months(12))
    page = body(login(client, owner).get("/"))
    assert "Ничего не ожидается" in page or "ничего не ожидается" in page
    assert "Прошлогоднее" not in page


def test_it_shows_no_panel_to_whom_has_no_unit(client, methodist, due):
    page = body(login(client, methodist).get("/"))
    assert "В этом месяце" not in page


def test_it_opens_the_short_form_in_place_with_htmx(client, owner, due):
    response = login(client, owner).get(url("held", due.pk), {"next": "/"}, **HTMX)
    page = body(response)
    assert "<html" not in page and 'hx-post="' in page
    assert f'value="{TODAY.isoformat()}"' in page
    assert f'hx-get="{url("month_item", due.pk)}"' in page  # «Отмена» puts the item back


def test_it_dates_an_overdue_month_at_its_end(client, owner, overdue):
    page = body(login(client, owner).get(url("held", overdue.pk), {"month": "10"}, **HTMX))
    assert 'value="2025-10-31"' in page


def test_it_records_with_htmx_and_swaps_the_item_back(client, owner, due):
    data = {"date": "2025-12-09", "children": "14", "adults": "3", "result": "Хорошо"}
    response = login(client, owner).post(url("held", due.pk), data, **HTMX)
    page = body(response)
    assert response.status_code == 200 and "<html" not in page
    assert "отмечено проведение 9 декабря 2025" in page
    assert "проведено" in page and 'class="btn btn-sm btn-success held-button"' not in page
    occurrence = Occurrence.objects.get()
    assert (occurrence.children, occurrence.adults, occurrence.recorded_by) == (14, 3, owner)


def test_it_keeps_the_form_in_place_with_its_errors(client, owner, due):
    data = {"date": "2025-12-11", "children": "-2", "adults": "20000"}
    page = body(login(client, owner).post(url("held", due.pk), data, **HTMX))
    assert "будущей датой" in page
    assert "Число не может быть отрицательным." in page
    assert "Не больше 10 000 человек" in page
    assert not Occurrence.objects.exists()


def test_it_works_without_javascript(client, owner, due):
    client = login(client, owner)
    page = body(client.get(url("held", due.pk), {"next": "/"}))
    assert "<html" in page and "Дата проведения" in page
    response = client.post(url("held", due.pk), {"date": "2025-12-10", "children": "5",
                                                 "adults": "0", "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    assert Occurrence.objects.get().children == 5
    assert "отмечено проведение 10 декабря 2025" in body(client.get("/"))


def test_it_refuses_an_unsafe_next(client, owner, due):
    data = {"date": "2025-12-10", "children": "5", "adults": "0", "next": "https://evil.example"}
    response = login(client, owner).post(url("held", due.pk), data)
    assert response.url == "/"


def test_it_puts_the_item_back(client, owner, due):
    client = login(client, owner)
    assert "Ёлка у партнёров" in body(client.get(url("month_item", due.pk), **HTMX))
    assert client.get(url("month_item", due.pk)).url == "/"


def test_the_home_page_queries_do_not_grow_with_occurrences(
    client, owner, row, django_assert_max_num_queries
):
    client = login(client, owner)
    for _n in range(3):
        ActivityFactory(row=row, months=months(10, 11, 12))
    Occurrence.objects.create(activity=row.activities.first(), date=date(2025, 10, 1))
    with django_assert_max_num_queries(40) as few:
        client.get("/")
    for activity in row.activities.all():
        for day in (3, 4, 5):
            Occurrence.objects.create(activity=activity, date=date(2025, 10, day))
        ActivityFactory(row=row, months=months(11, 12))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/")
