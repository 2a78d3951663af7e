"""Copying a plan forward never takes what happened along: occurrences, their achievements and
files, cancellations and moves, conclusions, nor the old per-activity participants and result."""

from datetime import date

import pytest

from execution.models import Achievement, ActivityChange, Conclusion, Occurrence
from plans.editor.copying import copy_forward
from plans.models import Activity
from tests.factories import ActivityFactory
from tests.plan_editing_support import months
from tests.recording_support import today  # noqa: F401

pytestmark = pytest.mark.usefixtures("today")


def test_copy_forward_copies_the_plan_but_not_its_execution(plan, row, owner):
    activity = ActivityFactory(row=row, title="Конкурс", months=months(10, 11),
                               participants=25, result="Диплом I степени")
    occurrence = Occurrence.objects.create(activity=activity, date=date(2025, 10, 3),
                                           children=12, result="Победа")
    Achievement.objects.create(occurrence=occurrence, title="Диплом", level="regional",
                               name="Иванова")
    ActivityChange.objects.create(activity=activity, month=11, kind="cancelled", reason="Нет")
    Conclusion.objects.create(plan=plan, achieved="Многое")
    copy = copy_forward(plan, year=2026, user=owner)
    copied = Activity.objects.get(row__plan=copy)
    assert copied.title == "Конкурс" and copied.months == activity.months
    assert copied.participants is None and copied.result == ""
    assert not copied.occurrences.exists() and not copied.changes.exists()
    assert not Conclusion.objects.filter(plan=copy).exists()
    assert Occurrence.objects.count() == 1 and Achievement.objects.count() == 1
