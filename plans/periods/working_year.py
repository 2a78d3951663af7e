"""The month arithmetic of coverage: the working months, the blocks of the year a frequency
spans, and the months a period covers."""

from __future__ import annotations

from typing import Final

from .frequency import FREQUENCY_TEXT, Frequency
from .model import Period
from .months import ACADEMIC_MONTHS

SCHOOL_MONTHS: tuple[int, ...] = (9, 10, 11, 12, 1, 2, 3, 4, 5)
"""The working months of an institution without a summer programme: September to May."""

SUMMER_MONTHS: tuple[int, ...] = (6, 7, 8)
"""The summer holidays: working months only where the institution runs a summer programme."""

REGULAR_FREQUENCIES: Final = frozenset(FREQUENCY_TEXT) - {Frequency.AS_NEEDED.value}
"""Frequencies that stand for regular work over the year (everything but «as needed»)."""

# The academic year cut into quarters and halves (September first); a frequency's blocks are
# these parts, limited to the working months.
_QUARTERS: Final = tuple(ACADEMIC_MONTHS[i : i + 3] for i in range(0, 12, 3))
_HALVES: Final = (ACADEMIC_MONTHS[:4], ACADEMIC_MONTHS[4:])  # Sep–Dec, Jan–Aug
_WHOLE_YEAR: Final = (ACADEMIC_MONTHS,)
_MONTHLY: Final = tuple((m,) for m in ACADEMIC_MONTHS)
_BLOCKS: Final[dict[str, tuple[tuple[int, ...], ...]]] = {
    Frequency.MONTHLY.value: _MONTHLY,
    Frequency.QUARTERLY.value: _QUARTERS,
    Frequency.HALF_YEAR.value: _HALVES,
    Frequency.TWICE_A_YEAR.value: _HALVES,
    Frequency.YEAR_ROUND.value: _WHOLE_YEAR,
    Frequency.ONCE.value: _WHOLE_YEAR,
}


def working_months(summer_programme: bool = False) -> tuple[int, ...]:
    """The working months in academic order: September to May, all year with a summer programme."""
    return ACADEMIC_MONTHS if summer_programme else SCHOOL_MONTHS


def frequency_blocks(
    frequency: str, working: tuple[int, ...] | frozenset[int]
) -> tuple[tuple[int, ...], ...]:
    """The parts of the working year a frequency spans, each expecting its work once.

    «Ежемесячно»: each working month; «Один раз в квартал»: each quarter (Sep–Nov, Dec–Feb,
    Mar–May, Jun–Aug); «Один раз в полгода» and «2 раза в год»: each half-year (Sep–Dec, Jan–Aug);
    «В течение года» and «Один раз в год»: the whole year. Every block is limited to the working
    months, and blocks left empty are dropped. «По мере необходимости» and no frequency span
    nothing.
    """
    wanted = frozenset(working)
    blocks = _BLOCKS.get(frequency or "", ())
    limited = (tuple(m for m in block if m in wanted) for block in blocks)
    return tuple(block for block in limited if block)


def frequency_months(frequency: str, working: tuple[int, ...] | frozenset[int]) -> frozenset[int]:
    """The working months a frequency spans as regular work (all of them, or none)."""
    return frozenset(m for block in frequency_blocks(frequency, working) for m in block)


def covered_months(
    period: Period, working: tuple[int, ...] | frozenset[int]
) -> tuple[frozenset[int], frozenset[int]]:
    """The months a period covers: ``(pinned, regular)``.

    Months named in the period are pinned (dated events), whatever the frequency says, and
    count even outside the working months. A period with a frequency and no months is regular
    work over the months its frequency spans. «As needed» and an empty period cover nothing:
    they are listed apart.
    """
    if period.months:
        return period.months, frozenset()
    return frozenset(), frequency_months(period.frequency, working)
