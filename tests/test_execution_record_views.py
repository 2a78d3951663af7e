"""Recording pages: the plan's execution page, the full occurrence form, cancel, move, undo."""

from datetime import date

import pytest
from django.urls import reverse

from execution.models import Achievement, ActivityChange, Occurrence
from tests.conftest import login
from tests.factories import ActivityFactory
from tests.plan_editing_support import months
from tests.recording_support import body, today, url  # noqa: F401

pytestmark = pytest.mark.usefixtures("today")


def test_it_shows_the_plan_execution_page_with_slots_and_badges(client, owner, plan, activity):
    Occurrence.objects.create(activity=activity, date=date(2025, 10, 3), children=12)
    nov = ActivityFactory(row=activity.row, title="Конкурс", months=months(11, 12))
    ActivityChange.objects.create(activity=nov, month=11, kind="cancelled", reason="Карантин")
    page = body(login(client, owner).get(url("plan", plan.pk)))
    assert "Экскурсии" in page and "проведено" in page
    assert "отменено" in page
    assert "в этом месяце" in page  # December of «Конкурс»


def test_it_records_a_full_occurrence_with_achievements(client, owner, activity):
    data = {
        "date": "2025-10-03", "children": "12", "adults": "2", "result": "Экскурсия в музей",
        "links": "https://example.org/news/1",
        "achievements-TOTAL_FORMS": "1", "achievements-INITIAL_FORMS": "0",
        "achievements-0-title": "Диплом I степени", "achievements-0-level": "regional",
        "achievements-0-name": "Иванова Анна",
    }
    response = login(client, owner).post(url("occurrence_add", activity.pk), data)
    assert response.status_code == 302, body(response)
    occurrence = Occurrence.objects.get()
    assert (occurrence.children, occurrence.adults) == (12, 2)
    assert occurrence.recorded_by == owner
    assert Achievement.objects.get().level == "regional"
    assert occurrence.history.get().history_user == owner


def achievement_data(**extra):
    data = {
        "date": "2025-10-03", "children": "12", "adults": "2", "result": "", "links": "",
        "achievements-TOTAL_FORMS": "1", "achievements-INITIAL_FORMS": "0",
    }
    return data | extra


def test_it_changes_an_occurrence_and_its_achievements(client, owner, activity):
    occurrence = Occurrence.objects.create(activity=activity, date=date(2025, 10, 3))
    prize = Achievement.objects.create(occurrence=occurrence, title="Диплом", level="municipal",
                                       name="Группа")
    data = achievement_data(**{
        "date": "2025-10-04", "achievements-TOTAL_FORMS": "2", "achievements-INITIAL_FORMS": "1",
        "achievements-0-id": str(prize.pk), "achievements-0-title": "Диплом",
        "achievements-0-level": "municipal", "achievements-0-name": "Группа",
        "achievements-0-DELETE": "on",
        "achievements-1-title": "Гран-при", "achievements-1-level": "international",
        "achievements-1-name": "Петров Пётр",
    })
    response = login(client, owner).post(url("occurrence_edit", occurrence.pk), data)
    assert response.status_code == 302
    occurrence.refresh_from_db()
    assert occurrence.date == date(2025, 10, 4)
    assert list(occurrence.achievements.values_list("title", flat=True)) == ["Гран-при"]


def test_it_deletes_an_occurrence_after_asking(client, owner, activity):
    occurrence = Occurrence.objects.create(activity=activity, date=date(2025, 10, 3))
    client = login(client, owner)
    assert "Удалить проведение от 3 октября 2025?" in body(
        client.get(url("occurrence_delete", occurrence.pk)))
    assert client.post(url("occurrence_delete", occurrence.pk)).status_code == 302
    assert not Occurrence.objects.exists()
    assert Occurrence.history.filter(history_type="-").get().history_user == owner


def test_it_cancels_moves_and_undoes_through_the_pages(client, owner, row):
    activity = ActivityFactory(row=row, months=months(10, 11, 12))
    client = login(client, owner)
    page = body(client.get(url("cancel", activity.pk)))
    assert "Мероприятие целиком" in page and "Октябрь" in page
    client.post(url("cancel", activity.pk), {"month": "10", "reason": "Карантин"})
    client.post(url("move", activity.pk), {"month": "11", "to_month": "1", "reason": "Ремонт"})
    changes = {c.month: c for c in ActivityChange.objects.all()}
    assert changes[10].kind == "cancelled" and changes[11].to_month == 1
    page = body(client.get(url("plan", row.plan_id)))
    assert "перенесено" in page and "отменено" in page
    assert client.post(url("undo", changes[10].pk)).status_code == 302
    assert list(ActivityChange.objects.values_list("month", flat=True)) == [11]


def test_the_plan_history_tells_what_was_recorded(client, owner, plan, activity):
    client = login(client, owner)
    client.post(url("occurrence_add", activity.pk), achievement_data(**{
        "achievements-0-title": "Диплом I степени", "achievements-0-level": "regional",
        "achievements-0-name": "Иванова Анна"}))
    client.post(url("cancel", activity.pk), {"month": "", "reason": "Партнёр закрылся"})
    page = body(client.get(reverse("plans:history", args=[plan.pk])))
    assert "Мероприятие «Экскурсии» проведено 3 октября 2025" in page
    assert "«Экскурсии»: добавлено достижение" in page
    assert "Мероприятие «Экскурсии» отменено" in page and "Партнёр закрылся" in page
    assert owner.get_full_name() in page


def test_the_plan_page_queries_do_not_grow_with_occurrences(
    client, owner, plan, row, django_assert_max_num_queries
):
    client = login(client, owner)

    def add_held():
        activity = ActivityFactory(row=row, months=months(10, 11))
        occurrence = Occurrence.objects.create(activity=activity, date=date(2025, 10, 2))
        Achievement.objects.create(occurrence=occurrence, title="Диплом", level="regional",
                                   name="Группа")
        ActivityChange.objects.create(activity=activity, month=11, kind="cancelled",
                                      reason="Нет")

    add_held()
    with django_assert_max_num_queries(40) as few:
        client.get(url("plan", plan.pk))
    for _n in range(5):
        add_held()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("plan", plan.pk))


def test_another_units_objects_are_404(client, other_teacher, activity):
    occurrence = Occurrence.objects.create(activity=activity, date=date(2025, 10, 3))
    client = login(client, other_teacher)
    for name, pk in (("occurrence_add", activity.pk), ("occurrence_edit", occurrence.pk),
                     ("held", activity.pk), ("cancel", activity.pk)):
        assert client.get(url(name, pk)).status_code == 404


def test_a_methodist_reads_but_does_not_record(client, methodist, plan, activity):
    client = login(client, methodist)
    page = body(client.get(url("plan", plan.pk)))
    assert "Экскурсии" in page and url("occurrence_add", activity.pk) not in page
    assert client.post(url("held", activity.pk), {"date": "2025-10-03"}).status_code == 403
    assert not Occurrence.objects.exists()
