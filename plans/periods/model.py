"""The period as data (:class:`Period`): months and/or a frequency, plus a note."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from .frequency import _TIMES_PER_YEAR, FREQUENCY_TEXT, Frequency
from .months import _ACADEMIC_INDEX, MONTH_NAMES
from .text import format_period

_ALL_MONTHS_MASK: Final = (1 << 12) - 1


@dataclass(frozen=True)
class Period:
    """When an activity takes place: months and/or a frequency, plus a note.

    The constructor normalises its arguments: ``months`` may be any iterable
    of month numbers, ``frequency`` a :class:`Frequency` member or its value,
    and the note is stripped.  Invalid months or frequencies raise
    :class:`ValueError`.
    """

    months: frozenset[int] = frozenset()
    frequency: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        months = frozenset(self.months)
        for m in months:
            if isinstance(m, bool) or not isinstance(m, int) or m not in MONTH_NAMES:
                raise ValueError(f"month must be an int in 1..12, got {m!r}")
        frequency = self.frequency or ""
        if frequency and frequency not in FREQUENCY_TEXT:
            raise ValueError(f"unknown frequency {frequency!r}")
        # Frozen dataclass: normalised values are set through object.__setattr__.
        object.__setattr__(self, "months", months)
        object.__setattr__(self, "frequency", str.__str__(frequency))  # plain str, not enum
        object.__setattr__(self, "note", str(self.note or "").strip())

    def __str__(self) -> str:
        return self.text

    @property
    def is_empty(self) -> bool:
        """True when there are no months, no frequency and no note."""
        return not (self.months or self.frequency or self.note)

    @property
    def is_valid(self) -> bool:
        """True when months or a frequency are given (a note alone is not enough)."""
        return bool(self.months or self.frequency)

    @property
    def text(self) -> str:
        """The period as printed in a plan; same as :func:`format_period`."""
        return format_period(self)

    @property
    def academic_months(self) -> list[int]:
        """The months sorted in academic order (September first)."""
        return sorted(self.months, key=_ACADEMIC_INDEX.__getitem__)

    @property
    def times_per_year(self) -> int | None:
        """How many times a year the activity happens, if that is known.

        The frequency decides (once 1, twice a year 2, half-year 2, quarterly 4,
        monthly 12); "monthly" limited to given months counts those months.
        Months alone count themselves.  "During the year", "as needed" and an
        empty period give ``None``.
        """
        if self.frequency == Frequency.MONTHLY and self.months:
            return len(self.months)
        if self.frequency:
            return _TIMES_PER_YEAR[self.frequency]
        return len(self.months) or None

    @property
    def is_tied_to_months(self) -> bool:
        """True only when months are given explicitly."""
        return bool(self.months)

    def to_bitmask(self) -> int:
        """Encode the months as an int: bit ``m - 1`` is set for month ``m``."""
        return sum(1 << (m - 1) for m in self.months)

    @classmethod
    def from_bitmask(cls, mask: int, frequency: str = "", note: str = "") -> Period:
        """Build a period from :meth:`to_bitmask` output (0..4095)."""
        if isinstance(mask, bool) or not isinstance(mask, int) or not 0 <= mask <= _ALL_MONTHS_MASK:
            raise ValueError(f"month bitmask must be an int in 0..{_ALL_MONTHS_MASK}, got {mask!r}")
        months = frozenset(m for m in MONTH_NAMES if mask & (1 << (m - 1)))
        return cls(months=months, frequency=frequency, note=note)
