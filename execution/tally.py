"""Counting planned against held, for the execution view, the reports and the charts.

One pass over activities fetched with :func:`execution.schedules.with_execution`: each activity's
schedule (plans.periods.expectations) and its occurrences become :class:`Counts`, which add up
by any grouping — unit, partner, category, direction, month. Nothing here queries per row.

Months: a held slot counts, as planned and as held, in the month the occurrence took place; a
slot not held (overdue, due, upcoming or cancelled) counts in its *due* month, the last month
that still satisfies it (a quarter's third month); an extra occurrence counts in its month. So
in every month held never exceeds planned, and the months add up to the totals.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from plans.models import Activity
from plans.periods import ACADEMIC_MONTHS
from plans.periods import expectations as ex
from plans.periods.expectations import Schedule

from .models import Achievement, Occurrence
from .schedules import schedule_of


@dataclass
class Counts:
    """Planned, held and the rest, with the people taking part."""

    planned: int = 0  # expected slots, cancelled ones left out
    held: int = 0  # expected slots held
    overdue: int = 0
    due: int = 0  # expected in the current month, not yet held
    upcoming: int = 0
    cancelled: int = 0
    extra: int = 0  # occurrences beyond the plan
    occurrences: int = 0  # every occurrence: held slots and extra
    children: int = 0
    adults: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            **{k: getattr(self, k) + getattr(other, k) for k in self.__dataclass_fields__}
        )

    @property
    def participants(self) -> int:
        return self.children + self.adults

    @property
    def percent(self) -> int | None:
        """Held as a share of planned, in whole percent (None when nothing is planned)."""
        return round(100 * self.held / self.planned) if self.planned else None


@dataclass
class ActivityTally:
    """One activity: its schedule and its counts."""

    activity: Activity
    schedule: Schedule
    counts: Counts
    by_month: dict[int, Counts] = field(default_factory=dict)

    @property
    def occurrences(self) -> list[Occurrence]:
        return list(self.activity.occurrences.all())

    @property
    def occurrences_in_year(self) -> list[Occurrence]:
        """The occurrences within the plan's academic year: the ones the counts include."""
        start, end = ex.year_bounds(self.activity.row.plan.year)
        return [o for o in self.activity.occurrences.all() if start <= o.date <= end]


def _count_occurrence(counts: Counts, occurrence: Occurrence) -> None:
    counts.occurrences += 1
    counts.children += occurrence.children
    counts.adults += occurrence.adults


def tally_activity(activity: Activity, today: datetime.date) -> ActivityTally:
    schedule = schedule_of(activity, today)
    total = Counts()
    months: dict[int, Counts] = defaultdict(Counts)
    for state in schedule.slots:
        if state.status == ex.HELD:
            total.planned += 1
            total.held += 1
            month = months[state.occurrence.date.month]
            month.held += 1
            month.planned += 1
            continue
        target = months[state.slot.due]
        if state.status == ex.CANCELLED:
            total.cancelled += 1
            target.cancelled += 1
            continue
        total.planned += 1
        target.planned += 1
        setattr(total, state.status, getattr(total, state.status) + 1)
        setattr(target, state.status, getattr(target, state.status) + 1)
    total.extra = len(schedule.extra)
    for occurrence in schedule.extra:
        months[occurrence.date.month].extra += 1
    start, end = ex.year_bounds(activity.row.plan.year)
    for occurrence in activity.occurrences.all():
        if start <= occurrence.date <= end:
            _count_occurrence(total, occurrence)
            _count_occurrence(months[occurrence.date.month], occurrence)
    return ActivityTally(activity, schedule, total, dict(months))


def tally(
    activities: Iterable[Activity], today: datetime.date | None = None
) -> list[ActivityTally]:
    """Every activity's tally (fetch them with ``schedules.with_execution``)."""
    today = today or timezone.localdate()
    return [tally_activity(a, today) for a in activities]


def total(tallies: Iterable[ActivityTally]) -> Counts:
    return sum((t.counts for t in tallies), Counts())


def group(
    tallies: Iterable[ActivityTally], key: Callable[[ActivityTally], Iterable[Hashable]]
) -> dict[Hashable, Counts]:
    """Counts by a key; ``key`` returns the groups an activity belongs to (a row's directions
    are several, so each activity may count in several groups)."""
    groups: dict[Hashable, Counts] = defaultdict(Counts)
    for t in tallies:
        for k in key(t):
            groups[k] = groups[k] + t.counts
    return dict(groups)


def by_month(tallies: Iterable[ActivityTally]) -> list[tuple[int, Counts]]:
    """Counts for each month of the academic year, September to August, zeros included."""
    months: dict[int, Counts] = {m: Counts() for m in ACADEMIC_MONTHS}
    for t in tallies:
        for m, c in t.by_month.items():
            months[m] = months[m] + c
    return [(m, months[m]) for m in ACADEMIC_MONTHS]


def achievements(tallies: Iterable[ActivityTally]) -> list[Achievement]:
    """Every achievement of the tallied occurrences, by date."""
    found = [a for t in tallies for o in t.activity.occurrences.all() for a in o.achievements.all()]
    return sorted(found, key=lambda a: (a.occurrence.date, a.pk))


def by_level(found: Iterable[Achievement]) -> list[tuple[str, str, int]]:
    """``(level, label, count)`` for every level, the highest first, zeros included."""
    counts: dict[str, int] = defaultdict(int)
    for a in found:
        counts[a.level] += 1
    levels = list(Achievement.Level)[::-1]
    return [(level.value, level.label, counts[level.value]) for level in levels]
