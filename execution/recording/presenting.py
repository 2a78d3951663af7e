"""What the recording pages print about an activity: its slots with status badges, its
occurrences and changes, worked out from execution.schedules without further queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import pgettext_lazy

from execution.models import ActivityChange
from execution.schedules import schedule_of, with_execution
from partners import policy
from plans.models import Activity, current_academic_year
from plans.periods import expectations
from plans.periods.expectations import CANCELLED, DUE, HELD, OVERDUE, UPCOMING

from .forms import slot_label

MOVED = "moved"
BADGES = {
    HELD: (pgettext_lazy("execution recording", "held"), "text-bg-success"),
    OVERDUE: (pgettext_lazy("execution recording", "overdue"), "text-bg-danger"),
    DUE: (pgettext_lazy("execution recording", "this month"), "text-bg-warning"),
    UPCOMING: (pgettext_lazy("execution recording", "planned"), "text-bg-secondary"),
    CANCELLED: (pgettext_lazy("execution recording", "cancelled"), "text-bg-dark"),
    MOVED: (pgettext_lazy("execution recording", "moved"), "text-bg-info"),
}


@dataclass
class SlotView:
    state: expectations.SlotState

    @property
    def status(self) -> str:
        return self.state.status

    @property
    def label(self) -> str:
        return slot_label(self.state.slot.months)

    @property
    def badge(self):
        return BADGES[self.status]

    @property
    def change(self) -> ActivityChange | None:
        return self.state.change.ref if self.state.change else None

    @property
    def moved(self) -> bool:
        change = self.change
        return change is not None and change.kind == ActivityChange.Kind.MOVED

    @property
    def moved_badge(self):
        return BADGES[MOVED]

    @property
    def planned_label(self) -> str:
        return slot_label(self.state.planned_months) if self.state.planned_months else ""

    @property
    def occurrence(self):
        return self.state.occurrence


@dataclass
class ActivityView:
    activity: Activity
    slots: list[SlotView]
    extra: tuple = ()
    may_record: bool = False
    cancelled: ActivityChange | None = None
    changes: list[ActivityChange] = field(default_factory=list)

    @property
    def occurrences(self):
        return self.activity.occurrences.all()

    @property
    def plan(self):
        return self.activity.row.plan

    def of_status(self, *statuses) -> list[SlotView]:
        return [s for s in self.slots if s.status in statuses]

    @property
    def waiting(self) -> list[SlotView]:
        """Slots still to be held this month or overdue: the home page's list."""
        return self.of_status(OVERDUE, DUE)

    @property
    def default_month(self) -> int | None:
        """The month «Проведено» dates by default: None (today) if a slot is due this month,
        else the last month of the earliest overdue slot."""
        if self.of_status(DUE):
            return None
        overdue = self.of_status(OVERDUE)
        return overdue[0].state.slot.due if overdue else None

    @property
    def cancelled_badge(self):
        return BADGES[CANCELLED]


def activity_view(activity: Activity, user, today: datetime.date) -> ActivityView:
    schedule = schedule_of(activity, today)
    changes = list(activity.changes.all())
    return ActivityView(
        activity,
        [SlotView(s) for s in schedule.slots],
        schedule.extra,
        may_record=policy.may_record_execution(user, activity.row.plan),
        cancelled=next((c for c in changes if c.month is None), None),
        changes=changes,
    )


def activity_views(activities, user, today=None) -> list[ActivityView]:
    """Views of `activities` (a queryset) in a fixed number of queries."""
    today = today or timezone.localdate()
    return [
        activity_view(a, user, today) for a in with_execution(activities).select_related("form")
    ]


def month_views(user, today=None) -> list[ActivityView]:
    """The activities of the user's own units expected this month or overdue, in this academic
    year's plans (the home page's panel)."""
    today = today or timezone.localdate()
    year = current_academic_year(today)
    activities = Activity.objects.filter(
        row__plan__unit__in=policy.member_units(user), row__plan__year=year
    ).order_by("row__plan__unit__name", "row__order", "order", "pk")
    return [v for v in activity_views(activities, user, today) if v.waiting and not v.cancelled]
