"""Two people at once: a save based on an old version is refused, shown, and can be re-applied."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from plans.editor import services as editing
from plans.models import Activity, PlanRow
from tests.factories import ActivityFactory, DirectionFactory, PlanRowFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def row(plan):
    return PlanRowFactory(plan=plan, characteristic="Исходные цели.")


@pytest.fixture
def two_clients(owner, administrator):
    first, second = Client(), Client()
    first.force_login(owner)
    second.force_login(administrator)
    return first, second


def row_data(row, characteristic, version, directions=()):
    return {"partner": row.partner_id, "characteristic": characteristic, "version": version,
            "directions": [d.pk for d in directions]}


@pytest.mark.parametrize("extra", [{}, HTMX], ids=["plain", "htmx"])
def test_it_lets_exactly_one_of_two_row_saves_from_the_same_version_win(
    two_clients, plan, row, extra
):
    first, second = two_clients
    target = reverse("plans:row_edit", args=[plan.pk, row.pk])
    # Both open the editor on version 1.
    for client in two_clients:
        assert 'name="version" value="1"' in client.get(target).content.decode()
    won = first.post(target, row_data(row, "Цели Натальи.", 1), **extra)
    lost = second.post(target, row_data(row, "Цели Елены.", 1), **extra)

    assert won.status_code in (200, 302) and "Пока вы редактировали" not in won.content.decode()
    page = lost.content.decode()
    assert lost.status_code == 200
    assert "Пока вы редактировали, Анна Иванова" in page
    assert "Сейчас сохранено:" in page and "Цели Натальи." in page  # the current values
    assert "Цели Елены." in page  # the loser's own values stay in the form …
    assert 'name="version" value="2"' in page  # … based on the current version
    row.refresh_from_db()
    assert (row.characteristic, row.version) == ("Цели Натальи.", 2)

    # Re-applying on purpose replaces the saved values; nothing was lost silently.
    second.post(target, row_data(row, "Цели Елены.", 2), **extra)
    row.refresh_from_db()
    assert (row.characteristic, row.version) == ("Цели Елены.", 3)
    history = list(row.history.order_by("history_date").values_list("characteristic", flat=True))
    assert history[-2:] == ["Цели Натальи.", "Цели Елены."]


def test_it_lets_exactly_one_of_two_activity_saves_win(two_clients, plan, row):
    activity = ActivityFactory(row=row, title="Экскурсии", months=1 << 9)
    first, second = two_clients
    target = reverse("plans:activity_edit", args=[plan.pk, row.pk, activity.pk])
    first.post(target, {"title": "Экскурсии в музей", "months": ["10"], "version": 1})
    lost = second.post(
        target, {"title": "Экскурсии", "months": ["5", "6"], "version": 1}, **HTMX
    )
    page = lost.content.decode()
    assert "Пока вы редактировали" in page and "Экскурсии в музей" in page
    assert 'value="6"' in page and 'name="version" value="2"' in page
    activity.refresh_from_db()
    assert (activity.title, activity.period_text, activity.version) == (
        "Экскурсии в музей", "Октябрь", 2)


def test_it_raises_a_conflict_from_the_service_with_the_current_row(plan, row, owner):
    direction = DirectionFactory()
    editing.save_row(row, version=1, partner=row.partner, characteristic="А",
                     directions=[direction], user=owner)
    with pytest.raises(editing.Conflict) as conflict:
        editing.save_row(row, version=1, partner=row.partner, characteristic="Б",
                         directions=[], user=owner)
    assert conflict.value.current.characteristic == "А"
    assert list(PlanRow.objects.get().directions.all()) == [direction]


@pytest.mark.django_db(transaction=True)
def test_it_lets_one_of_two_simultaneous_saves_win(owner, unit):
    """Two threads, two database connections, the same version: one wins, one conflicts."""
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        "file:memorydb"
    ):
        pytest.skip("threads cannot write to one in-memory SQLite database; runs on PostgreSQL")
    from tests.factories import PlanFactory

    plan = PlanFactory(unit=unit)
    activity = ActivityFactory(row=PlanRowFactory(plan=plan), months=1)
    start = threading.Barrier(2)
    outcomes = []

    def save(title):
        try:
            start.wait()
            data = editing.ActivityData(title, None, 1, "", "", "", "")
            editing.save_activity(Activity.objects.get(pk=activity.pk), data, version=1)
            outcomes.append("won")
        except editing.Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(t,)) for t in ("Первый", "Второй")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "won"]
    assert Activity.objects.get().version == 2
