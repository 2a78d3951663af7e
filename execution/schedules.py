"""The rules of plans.periods.expectations applied to the database: an activity's schedule.

Callers fetch activities with :func:`with_execution` (a fixed number of queries, whatever the
number of occurrences) and ask :func:`schedule_of` for each; nothing here queries per activity.
"""

from __future__ import annotations

import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from plans.models import Activity
from plans.periods import expectations, working_months
from plans.periods.expectations import Change, Schedule

from .models import ActivityChange, Occurrence


def with_execution(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    """``activities`` with what their schedules need: plan, unit, institution, occurrences,
    achievements and changes."""
    return activities.select_related(
        "row__plan__unit__institution", "row__partner"
    ).prefetch_related(
        Prefetch(
            "occurrences", queryset=Occurrence.objects.prefetch_related("achievements", "files")
        ),
        Prefetch("changes", queryset=ActivityChange.objects.all()),
    )


def working_of(activity: Activity) -> tuple[int, ...]:
    institution = activity.row.plan.unit.institution
    return working_months(bool(institution and institution.summer_programme))


def change_of(change: ActivityChange) -> Change:
    moved_to = change.to_month if change.kind == ActivityChange.Kind.MOVED else None
    return Change(month=change.month, moved_to=moved_to, reason=change.reason, ref=change)


def schedule_of(activity: Activity, today: datetime.date | None = None) -> Schedule:
    """Where each expected occurrence of ``activity`` stands on ``today``.

    Held slots and ``extra`` carry :class:`Occurrence` objects; changes carry
    :class:`ActivityChange` objects in ``ref``.
    """
    today = today or timezone.localdate()
    slots = expectations.expected_slots(activity.period, working_of(activity))
    occurrences = [(o.date, o) for o in activity.occurrences.all()]
    changes = [change_of(c) for c in activity.changes.all()]
    return expectations.schedule(slots, occurrences, changes, activity.row.plan.year, today)


def is_cancelled(activity: Activity) -> bool:
    """Whether the whole activity is cancelled (nothing more may be recorded on it)."""
    return any(
        c.month is None and c.kind == ActivityChange.Kind.CANCELLED for c in activity.changes.all()
    )
