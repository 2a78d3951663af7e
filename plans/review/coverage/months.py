"""Activities by month, from the data of their periods (plans.periods).

A month is covered by an activity pinned to it (its period names the month: a dated event) or
by regular work whose frequency spans it («В течение года», «Ежемесячно», «Один раз в квартал»,
…); `plans.periods.covered_months` decides which. «По мере необходимости» and activities with no
period cover no month: they are listed apart. Only the working months of the institution can be
gaps; the summer months are shown, and flagged only under a summer programme.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from plans.models import Activity
from plans.periods import FREQUENCY_TEXT, Frequency, Period, covered_months

NO_PERIOD = "none"  # the `period` value of activities with neither months nor a frequency

# Frequencies without months: regular work, counted in the months it spans.
REGULAR_ORDER = [
    Frequency.YEAR_ROUND.value,
    Frequency.MONTHLY.value,
    Frequency.QUARTERLY.value,
    Frequency.HALF_YEAR.value,
    Frequency.TWICE_A_YEAR.value,
    Frequency.ONCE.value,
]
# Activities that cover no month: listed apart, in their own columns.
APART_ORDER = [Frequency.AS_NEEDED.value, NO_PERIOD]
# Every kind of activity not tied to a month, in the order it is shown.
UNTIED_ORDER = REGULAR_ORDER + APART_ORDER

# Short headings of the columns listed apart (Russian, as FREQUENCY_TEXT); the full text is a
# tooltip.
UNTIED_SHORT = {
    Frequency.AS_NEEDED.value: "По мере необх.",
}

REGULAR_MARK = "●"  # a month covered by regular work only, in matrices and exports


def untied_label(key: str):
    if key == NO_PERIOD:
        return _("No period")
    return FREQUENCY_TEXT[key]


@lru_cache(maxsize=4096)
def _period_of(months: int, frequency: str, note: str) -> Period:
    return Period.from_bitmask(months, frequency, note)


@lru_cache(maxsize=4096)
def _covered_of(period: Period, working: tuple[int, ...]) -> tuple:
    return covered_months(period, working)


def _period(activity: Activity) -> Period:
    """The activity's period: thousands of activities share a few dozen periods, each built
    once (periods are immutable)."""
    return _period_of(activity.months, activity.frequency, activity.period_note)


def _by_period(activities) -> Counter:
    """How many activities have each period, by (months, frequency, note): what is counted per
    month or per kind is then asked once per period, not once per activity."""
    return Counter((a.months, a.frequency, a.period_note) for a in activities)


def covered(activity: Activity, working) -> tuple:
    """The months the activity is pinned to and those its regular work spans."""
    return _covered_of(_period(activity), tuple(working))


def month_counts(activities, working) -> tuple[Counter, Counter]:
    """Per calendar month: activities pinned to it, and regular work spanning it."""
    pinned: Counter = Counter()
    regular: Counter = Counter()
    working = tuple(working)
    for key, n in _by_period(activities).items():
        on, spanned = _covered_of(_period_of(*key), working)
        for month in on:
            pinned[month] += n
        for month in spanned:
            regular[month] += n
    return pinned, regular


@lru_cache(maxsize=4096)
def _untied_of(months: int, frequency: str, note: str) -> str | None:
    if _period_of(months, frequency, note).is_tied_to_months:
        return None
    return frequency or NO_PERIOD


def untied_key(activity: Activity) -> str | None:
    """The kind of an activity not tied to a month (its frequency, or NO_PERIOD); None if its
    period names months."""
    return _untied_of(activity.months, activity.frequency, activity.period_note)


def untied_counts(activities) -> Counter:
    """Activities per kind not tied to a month; those tied to months are not counted."""
    counts: Counter = Counter()
    for key, n in _by_period(activities).items():
        if (kind := _untied_of(*key)) is not None:
            counts[kind] += n
    return counts


def activity_in_month(activity: Activity, month: int, working) -> bool:
    """Whether the activity covers the month: pinned to it, or regular work spanning it."""
    pinned, regular = covered(activity, working)
    return month in pinned or month in regular
