"""The rules of recording (execution.recording.services): what may be recorded, cancelled,
moved and undone, and that every write goes into the history without touching the plan."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from execution.models import ActivityChange, Occurrence
from execution.recording import services
from execution.schedules import schedule_of, with_execution
from plans.locking import PlanLocked
from plans.models import Activity
from plans.periods.expectations import CANCELLED, DUE, HELD, OVERDUE
from tests.factories import ActivityFactory
from tests.plan_editing_support import months
from tests.recording_support import TODAY, today  # noqa: F401

pytestmark = pytest.mark.usefixtures("today")


def fresh(activity):
    return with_execution(Activity.objects.filter(pk=activity.pk)).get()


def record(activity, user, day=date(2025, 10, 3), **extra):
    return services.record_occurrence(activity, user=user, date=day, children=5, **extra)


def test_it_records_an_occurrence_into_the_history_with_its_user(activity, owner):
    occurrence = record(activity, owner)
    assert occurrence.recorded_by == owner
    assert occurrence.history.get().history_user == owner
    assert schedule_of(fresh(activity), TODAY).slots[0].status == HELD


@pytest.mark.parametrize("day", [date(2025, 8, 31), date(2026, 9, 1)])
def test_it_refuses_a_date_outside_the_plans_academic_year(activity, owner, day):
    with pytest.raises(ValidationError) as refused:
        record(activity, owner, day)
    assert "учебного года плана 2025/2026" in refused.value.message_dict["date"][0]
    assert not Occurrence.objects.exists()


def test_it_refuses_a_future_date(activity, owner):
    with pytest.raises(ValidationError) as refused:
        record(activity, owner, date(2025, 12, 11))
    assert "будущей датой" in refused.value.message_dict["date"][0]


def test_it_accepts_today(activity, owner):
    assert record(activity, owner, TODAY).date == TODAY


@pytest.mark.parametrize("people", [{"children": -1}, {"adults": 10_001}])
def test_it_refuses_absurd_counts(activity, owner, people):
    with pytest.raises(ValidationError):
        services.record_occurrence(activity, user=owner, date=date(2025, 10, 3), **people)
    assert not Occurrence.objects.exists()


def test_it_refuses_an_occurrence_on_a_cancelled_activity(activity, owner):
    services.cancel(activity, user=owner, month=None, reason="Партнёр закрылся")
    with pytest.raises(ValidationError) as refused:
        record(activity, owner)
    assert "отменено" in refused.value.messages[0]
    assert not Occurrence.objects.exists()


def test_it_cancels_one_planned_month_and_undoes_it(row, owner):
    activity = ActivityFactory(row=row, months=months(10, 11))
    change = services.cancel(activity, user=owner, month=11, reason="Карантин")
    assert change.history.get().history_user == owner
    statuses = [s.status for s in schedule_of(fresh(activity), TODAY).slots]
    assert statuses == [OVERDUE, CANCELLED]
    services.undo(change, user=owner)
    assert [s.status for s in schedule_of(fresh(activity), TODAY).slots] == [OVERDUE, OVERDUE]
    assert ActivityChange.history.filter(history_type="-").get().history_user == owner


def test_it_refuses_to_cancel_a_held_or_changed_month_twice(row, owner):
    activity = ActivityFactory(row=row, months=months(10, 11))
    record(activity, owner)
    with pytest.raises(ValidationError):
        services.cancel(activity, user=owner, month=10, reason="Нет")
    services.cancel(activity, user=owner, month=11, reason="Нет")
    with pytest.raises(ValidationError):
        services.cancel(activity, user=owner, month=11, reason="Снова")
    services.cancel(activity, user=owner, month=None, reason="Всё")
    with pytest.raises(ValidationError):
        services.cancel(activity, user=owner, month=None, reason="Снова")
    assert ActivityChange.objects.count() == 2


def test_it_moves_a_planned_month(row, owner):
    activity = ActivityFactory(row=row, months=months(10, 11))
    services.move(activity, user=owner, month=10, to_month=12, reason="Погода")
    slots = schedule_of(fresh(activity), TODAY).slots
    # Slots keep the plan's order: October's slot now expects December.
    assert [(s.slot.key, s.status) for s in slots] == [(12, DUE), (11, OVERDUE)]
    assert slots[0].planned_months == (10,)


@pytest.mark.parametrize(("to_month", "words"), [(10, "уже запланировано на октябрь"),
                                                  (11, "Ноябрь уже")])
def test_it_refuses_a_move_to_the_same_month_or_a_month_holding_a_slot(
    row, owner, to_month, words
):
    activity = ActivityFactory(row=row, months=months(10, 11))
    with pytest.raises(ValidationError) as refused:
        services.move(activity, user=owner, month=10, to_month=to_month, reason="Погода")
    assert words in refused.value.message_dict["to_month"][0]
    assert not ActivityChange.objects.exists()


def test_it_refuses_a_move_to_a_non_working_month(row, owner):
    activity = ActivityFactory(row=row, months=months(10))
    with pytest.raises(ValidationError) as refused:
        services.move(activity, user=owner, month=10, to_month=7, reason="Лето")
    assert "to_month" in refused.value.message_dict


def test_it_records_on_an_approved_plan_without_touching_its_content(activity, approved, owner):
    versions = Activity.history.count()
    occurrence = record(activity, owner)
    services.cancel(activity, user=owner, month=None, reason="Итог")
    services.delete_occurrence(occurrence, user=owner)
    assert Activity.history.count() == versions
    activity.refresh_from_db()
    activity.title = "Другое"
    with pytest.raises(PlanLocked):
        activity.save()
