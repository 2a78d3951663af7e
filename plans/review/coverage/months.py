"""Activities by month, from the data of their periods (plans.periods).

Months come only from the explicit months of an activity's period. An activity with a frequency
and no months («Один раз в квартал», «В течение года») is counted in its own column, marked as not
tied to a month, and never placed into invented months.
"""

from __future__ import annotations

from collections import Counter

from django.utils.translation import gettext_lazy as _

from plans.models import Activity
from plans.periods import FREQUENCY_TEXT, Frequency

NO_PERIOD = "none"  # the `period` value of activities with neither months nor a frequency

# Columns of activities that are not tied to a month, in the order they are shown.
UNTIED_ORDER = [
    Frequency.YEAR_ROUND.value,
    Frequency.AS_NEEDED.value,
    Frequency.MONTHLY.value,
    Frequency.QUARTERLY.value,
    Frequency.HALF_YEAR.value,
    Frequency.TWICE_A_YEAR.value,
    Frequency.ONCE.value,
    NO_PERIOD,
]

# Short headings of the not-tied columns (Russian, as FREQUENCY_TEXT); the full text is a tooltip.
UNTIED_SHORT = {
    Frequency.YEAR_ROUND.value: "В течение года",
    Frequency.AS_NEEDED.value: "По мере необх.",
    Frequency.MONTHLY.value: "Ежемесячно",
    Frequency.QUARTERLY.value: "Раз в квартал",
    Frequency.HALF_YEAR.value: "Раз в полгода",
    Frequency.TWICE_A_YEAR.value: "2 раза в год",
    Frequency.ONCE.value: "Раз в год",
}


def untied_label(key: str):
    if key == NO_PERIOD:
        return _("No period")
    return FREQUENCY_TEXT[key]


def month_counts(activities) -> Counter:
    """Activities per calendar month, from explicit months only."""
    counts: Counter = Counter()
    for activity in activities:
        counts.update(activity.period.months)
    return counts


def untied_key(activity: Activity) -> str | None:
    """The not-tied-to-a-month column of an activity, None if it has explicit months."""
    if activity.period.is_tied_to_months:
        return None
    return activity.frequency or NO_PERIOD


def untied_counts(activities) -> Counter:
    """Activities per not-tied column; those tied to months are not counted."""
    keys = (untied_key(a) for a in activities)
    return Counter(k for k in keys if k is not None)


def activity_in_month(activity: Activity, month: int) -> bool:
    return month in activity.period.months
