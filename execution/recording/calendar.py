"""The year month by month (September to August): what each month expects, what was held, what
was cancelled and what was moved, for the activities of some units."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from execution.models import ActivityChange
from plans.periods import ACADEMIC_MONTHS, month_name
from plans.periods.expectations import CANCELLED, HELD, month_date

from .forms import slot_label
from .presenting import BADGES, MOVED, ActivityView

EXPECTED = "expected"


@dataclass
class Entry:
    view: ActivityView
    status: str
    note: str = ""
    occurrence: object = None
    change: ActivityChange | None = None

    @property
    def activity(self):
        return self.view.activity

    @property
    def badge(self):
        return BADGES[self.status]


@dataclass
class Month:
    month: int
    year: int
    entries: list[Entry] = field(default_factory=list)

    @property
    def name(self) -> str:
        return month_name(self.month, capital=True)

    def count(self, *statuses) -> int:
        return sum(1 for e in self.entries if e.status in statuses)

    @property
    def held(self) -> int:
        return self.count(HELD)

    @property
    def expected(self) -> int:
        return sum(1 for e in self.entries if e.status not in (HELD, CANCELLED, MOVED))


def _slot_entries(view: ActivityView):
    """(month, entry) pairs of one activity's slots and extra occurrences."""
    for slot in view.slots:
        state = slot.state
        planned = state.planned_months or state.slot.months
        if slot.moved and state.status != CANCELLED:
            note = _("moved to %(month)s") % {"month": month_name(state.slot.key)}
            yield planned[0], Entry(view, MOVED, note, change=slot.change)
        if state.status == HELD:
            yield state.occurrence.date.month, Entry(view, HELD, occurrence=state.occurrence)
        elif state.status == CANCELLED:
            yield planned[0], Entry(view, CANCELLED, state.change.reason, change=slot.change)
        else:
            note = slot_label(state.slot.months) if len(state.slot.months) > 1 else ""
            if slot.moved:
                note = _("moved from %(month)s") % {"month": slot.planned_label.lower()}
            yield state.slot.key, Entry(view, state.status, note)
    for occurrence in view.extra:
        yield occurrence.date.month, Entry(view, HELD, _("beyond the plan"), occurrence)


def build_calendar(views: list[ActivityView], year: int) -> list[Month]:
    months = {m: Month(m, month_date(year, m).year) for m in ACADEMIC_MONTHS}
    for view in views:
        for month, entry in _slot_entries(view):
            months[month].entries.append(entry)
    return [months[m] for m in ACADEMIC_MONTHS]
