"""Planned against held: which occurrences a period expects, and which are held or overdue.

The one place for these rules (issue 12). Everything here is pure: months, dates and small
tuples in, small tuples out; the database side lives in ``execution.schedules``.

What a period expects («слоты»), each slot wanting one occurrence in one of its months:

* months named in the period: one slot per named month, whatever the frequency says
  («2 раза в год: ноябрь, апрель» expects November and April);
* «Ежемесячно»: one slot per working month;
* «Один раз в квартал» and «В течение года» (at least once a quarter): one per quarter of the
  working year (Sep–Nov, Dec–Feb, Mar–May, Jun–Aug);
* «Один раз в полгода» and «2 раза в год»: one per half-year (Sep–Dec, Jan–Aug);
* «Один раз в год»: one in the whole working year;
* «По мере необходимости» and an empty period: none.

A slot is identified by its *key*, its first month. A change cancels a slot (``month`` = its key)
or the whole activity (``month`` = ``None``), or moves a slot to another month, which it then
expects instead. A slot is *held* when an occurrence falls in one of its months; occurrences are
given to slots earliest deadline first. A slot whose last month has ended without one is
*overdue*; one whose months include today's is *due*; later ones are *upcoming*. Occurrences
that fill no slot are *extra*: held, but beyond the plan.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from .frequency import Frequency
from .model import Period
from .months import _ACADEMIC_INDEX, ACADEMIC_MONTHS
from .working_year import frequency_blocks

HELD: Final = "held"
CANCELLED: Final = "cancelled"
OVERDUE: Final = "overdue"
DUE: Final = "due"
UPCOMING: Final = "upcoming"
STATUSES: Final = (HELD, OVERDUE, DUE, UPCOMING, CANCELLED)

_QUARTERS: Final = tuple(ACADEMIC_MONTHS[i : i + 3] for i in range(0, 12, 3))


@dataclass(frozen=True)
class Slot:
    """One expected occurrence: any of ``months`` (academic order) satisfies it."""

    months: tuple[int, ...]
    pinned: bool = False

    @property
    def key(self) -> int:
        return self.months[0]

    @property
    def due(self) -> int:
        """The last month of the slot: past it, the slot is overdue."""
        return self.months[-1]


@dataclass(frozen=True)
class Change:
    """A cancellation or a move. ``month`` is a slot's key, or ``None`` for the whole activity."""

    month: int | None
    moved_to: int | None = None
    reason: str = ""
    ref: object = None  # what the caller wants back (the database row), never compared


@dataclass(frozen=True)
class SlotState:
    """A slot after the changes and the occurrences: its status, and what decided it."""

    slot: Slot
    status: str
    occurrence: object = None  # the occurrence that holds it
    change: Change | None = None  # the cancellation, or the move that put it here
    planned_months: tuple[int, ...] = ()  # before a move: the months the plan named


@dataclass(frozen=True)
class Schedule:
    slots: tuple[SlotState, ...]
    extra: tuple[object, ...] = ()  # occurrences beyond the plan

    def count(self, status: str) -> int:
        return sum(1 for s in self.slots if s.status == status)

    @property
    def planned(self) -> int:
        """Slots the plan still expects (cancelled ones left out)."""
        return sum(1 for s in self.slots if s.status != CANCELLED)

    @property
    def held(self) -> int:
        return self.count(HELD)

    @property
    def overdue(self) -> int:
        return self.count(OVERDUE)


def academic_index(month: int) -> int:
    """Position of calendar month ``month`` in the academic year (September is 0)."""
    return _ACADEMIC_INDEX[month]


def month_date(year: int, month: int) -> datetime.date:
    """The first day of ``month`` in academic year ``year`` (September ``year`` to August)."""
    return datetime.date(year if month >= 9 else year + 1, month, 1)


def month_end(year: int, month: int) -> datetime.date:
    first = month_date(year, month)
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of academic year ``year``."""
    return datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31)


def first_working_day(year: int, month: int) -> datetime.date:
    """The first Monday-to-Friday day of ``month`` in academic year ``year``."""
    day = month_date(year, month)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def expected_slots(period: Period, working: Iterable[int]) -> tuple[Slot, ...]:
    """The slots a period expects, in academic order (see the module's rules)."""
    if period.months:
        return tuple(Slot((m,), pinned=True) for m in period.academic_months)
    working = frozenset(working)
    if period.frequency == Frequency.YEAR_ROUND:
        blocks = (tuple(m for m in q if m in working) for q in _QUARTERS)
        return tuple(Slot(b) for b in blocks if b)
    return tuple(Slot(b) for b in frequency_blocks(period.frequency, working))


def expected_count(period: Period, working: Iterable[int]) -> int:
    return len(expected_slots(period, working))


def month_position(year: int, today: datetime.date) -> int:
    """Where ``today`` stands in academic year ``year``: -1 before it, 12 after, else the index."""
    start, end = year_bounds(year)
    if today < start:
        return -1
    if today > end:
        return 12
    return academic_index(today.month)


def schedule(
    slots: Sequence[Slot],
    occurrences: Iterable[tuple[datetime.date, object]],
    changes: Iterable[Change],
    year: int,
    today: datetime.date,
) -> Schedule:
    """Apply the changes, give the occurrences to the slots, and say where each slot stands.

    ``occurrences`` are ``(date, ref)`` pairs; the refs come back on the held slots and in
    ``extra``. Occurrences outside academic year ``year`` are ignored.
    """
    changes = list(changes)
    whole = next((c for c in changes if c.month is None), None)
    by_month = {c.month: c for c in changes if c.month is not None}
    start, end = year_bounds(year)
    free = sorted(
        ((d, i, ref) for i, (d, ref) in enumerate(occurrences) if start <= d <= end),
        key=lambda t: (t[0], t[1]),
    )
    now = month_position(year, today)
    placed: list[tuple[Slot, Change | None, tuple[int, ...]]] = []
    for slot in slots:
        change = whole or by_month.get(slot.key)
        if change is not None and change.moved_to and change is not whole:
            placed.append((Slot((change.moved_to,), pinned=True), change, slot.months))
        else:
            placed.append((slot, change, slot.months))
    order = sorted(
        range(len(placed)),
        key=lambda i: (academic_index(placed[i][0].due), academic_index(placed[i][0].key), i),
    )
    states: list[SlotState | None] = [None] * len(placed)
    for i in order:
        slot, change, planned = placed[i]
        if change is not None and not (change.moved_to and change is not whole):
            states[i] = SlotState(slot, CANCELLED, None, change, planned)
            continue
        taken = next((t for t in free if t[0].month in slot.months), None)
        if taken is not None:
            free.remove(taken)
            states[i] = SlotState(slot, HELD, taken[2], change, planned)
        else:
            states[i] = SlotState(slot, _open_status(slot, now), None, change, planned)
    return Schedule(tuple(s for s in states if s is not None), tuple(t[2] for t in free))


def _open_status(slot: Slot, now: int) -> str:
    if now > academic_index(slot.due):
        return OVERDUE
    if now >= academic_index(slot.key):
        return DUE
    return UPCOMING
