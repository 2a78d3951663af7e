"""Bad input to the recording forms: a clear Russian message next to the field, nothing saved,
never a 500. Recording on an approved plan is the point of it; its content stays locked."""

import pytest

from execution.models import ActivityChange, Occurrence
from plans.models import Activity
from tests.conftest import login
from tests.factories import ActivityFactory
from tests.plan_editing_support import months
from tests.recording_support import body, today, url  # noqa: F401

pytestmark = pytest.mark.usefixtures("today")

FULL = {"achievements-TOTAL_FORMS": "0", "achievements-INITIAL_FORMS": "0"}


@pytest.mark.parametrize("name", ["held", "occurrence_add"])
@pytest.mark.parametrize(("data", "field", "words"), [
    ({"date": "2025-08-31"}, "date", "в пределах учебного года плана 2025/2026"),
    ({"date": "2026-09-01"}, "date", "в пределах учебного года плана 2025/2026"),
    ({"date": "2025-12-11"}, "date", "будущей датой"),
    ({"date": "31.02.2025"}, "date", "Введите правильную дату"),
    ({"children": "-1"}, "children", "не может быть отрицательным"),
    ({"adults": "10001"}, "adults", "Не больше 10 000 человек"),
    ({"children": "много"}, "children", "Введите целое число"),
])
def test_it_refuses_with_a_message_next_to_the_field(
    client, owner, activity, name, data, field, words
):
    posted = {"date": "2025-10-03", "children": "1", "adults": "0"} | FULL | data
    response = login(client, owner).post(url(name, activity.pk), posted)
    page = body(response)
    assert response.status_code == 200
    error = page[page.index(f'id="id_{field}"'):]
    assert words in error[:1500]
    assert not Occurrence.objects.exists()


def test_it_refuses_an_occurrence_on_a_cancelled_activity(client, owner, activity):
    ActivityChange.objects.create(activity=activity, kind="cancelled", reason="Закрылись")
    client = login(client, owner)
    page = body(client.post(url("held", activity.pk),
                            {"date": "2025-10-03", "children": "1", "adults": "0"}))
    assert "Мероприятие «Экскурсии» отменено" in page
    assert not Occurrence.objects.exists()


@pytest.mark.parametrize(("data", "words"), [
    ({"month": "10", "to_month": "10"}, "уже запланировано на октябрь"),
    ({"month": "10", "to_month": "11"}, "Ноябрь уже"),
    ({"month": "10", "to_month": "7"}, "Выберите корректный вариант"),
    ({"month": "9", "to_month": "12"}, "Выберите корректный вариант"),
    ({"month": "10", "to_month": "12", "reason": ""}, "Обязательное поле"),
])
def test_it_refuses_a_bad_move(client, owner, row, data, words):
    activity = ActivityFactory(row=row, months=months(10, 11))
    page = body(login(client, owner).post(url("move", activity.pk), {"reason": "Погода"} | data))
    assert words in page
    assert not ActivityChange.objects.exists()


@pytest.mark.parametrize("data", [{}, {"month": "abc", "reason": "x"},
                                  {"month": "99999999999999999999999", "reason": "x"}])
def test_it_survives_garbage(client, owner, activity, data):
    client = login(client, owner)
    for name in ("cancel", "move", "held", "occurrence_add"):
        assert client.post(url(name, activity.pk), data).status_code == 200
    assert client.get(url("held", activity.pk), {"month": "13"}).status_code == 400
    assert not Occurrence.objects.exists() and not ActivityChange.objects.exists()


def test_an_approved_plan_takes_occurrences_and_stays_locked(client, owner, activity, approved):
    client = login(client, owner)
    versions = Activity.history.count()
    response = client.post(url("held", activity.pk),
                           {"date": "2025-10-03", "children": "9", "adults": "1"})
    assert response.status_code == 302
    client.post(url("cancel", activity.pk), {"month": "", "reason": "Итог года"})
    assert Occurrence.objects.get().children == 9 and ActivityChange.objects.count() == 1
    assert Activity.history.count() == versions
    assert "Выполнение плана" in body(client.get(url("plan", approved.pk)))
