"""Printing a period (:func:`format_period`) the way people write it in a plan.

Printing needs only a period's months, frequency and note (:class:`_Printable`), so this module
does not import :class:`~plans.periods.model.Period`, which prints itself through it.
"""

from __future__ import annotations

from typing import Final, Protocol

from .frequency import FREQUENCY_TEXT
from .months import _ACADEMIC_INDEX, month_name

_SPAN_DASH: Final = "–"  # en dash, used when printing spans


class _Printable(Protocol):
    """What printing reads of a period: a :class:`~plans.periods.model.Period`."""

    @property
    def months(self) -> frozenset[int]: ...

    @property
    def frequency(self) -> str: ...

    @property
    def note(self) -> str: ...


def _month_runs(months: frozenset[int]) -> list[list[int]]:
    """Group months into runs that are consecutive in the academic year."""
    runs: list[list[int]] = []
    for m in sorted(months, key=_ACADEMIC_INDEX.__getitem__):
        if runs and _ACADEMIC_INDEX[m] == _ACADEMIC_INDEX[runs[-1][-1]] + 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _format_months(months: frozenset[int]) -> str:
    """Lowercase month list: «сентябрь–октябрь, февраль, май»."""
    parts = []
    for run in _month_runs(months):
        if len(run) == 1:
            parts.append(month_name(run[0]))
        else:
            parts.append(f"{month_name(run[0])}{_SPAN_DASH}{month_name(run[-1])}")
    return ", ".join(parts)


def format_period(p: _Printable) -> str:
    """Print a period the way people write it, e.g. «2 раза в год: ноябрь, апрель»."""
    months = _format_months(p.months)
    if p.frequency:
        head = FREQUENCY_TEXT[p.frequency]
        if months:
            head = f"{head}: {months}"
    else:
        head = months
    if not head:
        return p.note
    head = head[:1].upper() + head[1:]
    return f"{head} ({p.note})" if p.note else head
