"""Periods of plan activities («Период»): data, printing and parsing.

A period is stored as data: a set of calendar months (1..12), a frequency
(:class:`Frequency`) and a free note.  Either part may be missing, but a period
is *valid* only when it has months or a frequency.

Printing (:func:`format_period`)
    * months go in academic order (September first, the year ends in August);
    * every run of two or more consecutive months (December→January counts as
      consecutive, August→September does not) prints as a span with an en dash
      and no spaces: «Май–июнь», «Декабрь–январь», «Сентябрь–май».  So runs of
      exactly two months are spans as well;
    * single months and spans are joined with ", ";
    * a frequency prints first, followed by ": " and the months in lowercase:
      «2 раза в год: ноябрь, апрель»;
    * the note goes last, in parentheses: «Октябрь (по согласованию)».  A note
      alone (no months, no frequency) prints as the bare note;
    * the first letter is capitalised, there is no trailing dot.

Parsing (:func:`parse_period`)
    Accepts everything :func:`format_period` prints plus the way teachers write
    periods in Word: any letter case, «ё», extra spaces, dots, hyphens or dashes
    (with or without spaces) for spans, and commas, semicolons, «и» or plain
    spaces between months.  A note is the text from the first «(» up to a «)»
    that ends the text.  Text that is not understood is never dropped: the
    whole stripped text becomes the note and ``recognised`` is ``False``.

    A note alone that itself reads like a period (e.g. the note «май») cannot
    survive printing and parsing, because the bare note is printed without
    parentheses.  Every other period round-trips:
    ``parse_period(format_period(p)).period == p``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "ACADEMIC_MONTHS",
    "FREQUENCY_TEXT",
    "MONTH_NAMES",
    "Frequency",
    "ParseResult",
    "Period",
    "REGULAR_FREQUENCIES",
    "SCHOOL_MONTHS",
    "SUMMER_MONTHS",
    "covered_months",
    "format_period",
    "frequency_blocks",
    "frequency_months",
    "month_name",
    "month_short",
    "parse_period",
    "split_period_lines",
    "working_months",
]

ACADEMIC_MONTHS: tuple[int, ...] = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8)
"""Calendar months in the order of the academic year (September to August)."""

_ACADEMIC_INDEX: Final[dict[int, int]] = {m: i for i, m in enumerate(ACADEMIC_MONTHS)}


class Frequency(models.TextChoices):
    """How often an activity takes place."""

    ONCE = "once", _("Once a year")
    TWICE_A_YEAR = "twice_year", _("Twice a year")
    HALF_YEAR = "half_year", _("Once every half-year")
    QUARTERLY = "quarterly", _("Once a quarter")
    MONTHLY = "monthly", _("Monthly")
    YEAR_ROUND = "year_round", _("During the year")
    AS_NEEDED = "as_needed", _("As needed")


FREQUENCY_TEXT: Final[dict[str, str]] = {
    Frequency.ONCE.value: "Один раз в год",
    Frequency.TWICE_A_YEAR.value: "2 раза в год",
    Frequency.HALF_YEAR.value: "Один раз в полгода",
    Frequency.QUARTERLY.value: "Один раз в квартал",
    Frequency.MONTHLY.value: "Ежемесячно",
    Frequency.YEAR_ROUND.value: "В течение года",
    Frequency.AS_NEEDED.value: "По мере необходимости",
}
"""How each frequency is printed in a plan (Russian, as people write it)."""

_TIMES_PER_YEAR: Final[dict[str, int | None]] = {
    Frequency.ONCE.value: 1,
    Frequency.TWICE_A_YEAR.value: 2,
    Frequency.HALF_YEAR.value: 2,
    Frequency.QUARTERLY.value: 4,
    Frequency.MONTHLY.value: 12,
    Frequency.YEAR_ROUND.value: None,
    Frequency.AS_NEEDED.value: None,
}

MONTH_NAMES: dict[int, str] = {
    1: "январь",
    2: "февраль",
    3: "март",
    4: "апрель",
    5: "май",
    6: "июнь",
    7: "июль",
    8: "август",
    9: "сентябрь",
    10: "октябрь",
    11: "ноябрь",
    12: "декабрь",
}
"""Nominative lowercase month names by calendar number."""

_MONTH_BY_NAME: Final[dict[str, int]] = {name: m for m, name in MONTH_NAMES.items()}

_ALL_MONTHS_MASK: Final = (1 << 12) - 1
_SPAN_DASH: Final = "–"  # en dash, used when printing spans
# Characters accepted between the two ends of a span.
_DASHES: Final = frozenset("-‐‑‒–—―−")
# Tokens accepted between list items (plain whitespace also separates items).
_LIST_SEPARATORS: Final = frozenset({",", ";", "и"})
# Characters accepted between a frequency and its months: «2 раза в год: май».
_FREQUENCY_MONTHS_SEPARATORS: Final = frozenset({":", ",", ";"}) | _DASHES


def month_name(m: int, capital: bool = False) -> str:
    """Return the nominative name of calendar month ``m`` («май» or «Май»)."""
    if m not in MONTH_NAMES:
        raise ValueError(f"month must be in 1..12, got {m!r}")
    name = MONTH_NAMES[m]
    return name.capitalize() if capital else name


def month_short(m: int) -> str:
    """Return the short heading of calendar month ``m`` in tables: «Сен», «Май»."""
    return month_name(m, capital=True)[:3]


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


# --------------------------------------------------------------------------- printing


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


def format_period(p: Period) -> str:
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


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class ParseResult:
    """Outcome of :func:`parse_period`."""

    period: Period
    recognised: bool  # False if any part of the text could not be understood
    unknown: str  # the text that was not understood ("" if recognised)


# Frequency phrases, matched at the start of the normalised text (lowercase, «ё» → «е»,
# dots removed, whitespace collapsed to single spaces).  Each pattern must end at a
# word boundary; whatever follows is parsed as a list of months.
_ONE = r"(?:(?:один|1) )?"  # optional «один»/«1» before «раз»
_FREQUENCY_PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (frequency.value, re.compile(rf"(?:{pattern})(?!\w)"))
    for frequency, pattern in (
        # «2 раза в год», «два раза в год», «дважды в (учебный) год»
        (Frequency.TWICE_A_YEAR, r"(?:(?:2|два) раза|дважды) в (?:учебный )?год"),
        # «один раз в полгода», «раз в полугодие», «раз в пол года»
        (Frequency.HALF_YEAR, _ONE + r"раз в (?:полгода|пол года|полугодие)"),
        # «один раз в год», «1 раз в учебный год», «ежегодно»
        (Frequency.ONCE, _ONE + r"раз в (?:учебный )?год|ежегодно"),
        # «один раз в квартал», «раз в квартал», «ежеквартально»
        (Frequency.QUARTERLY, _ONE + r"раз в квартал|ежеквартально"),
        # «ежемесячно», «раз в месяц», «каждый месяц»
        (Frequency.MONTHLY, _ONE + r"раз в месяц|ежемесячно|каждый месяц"),
        # «в течение года», «в течении года» (typo), «в течение (всего) учебного года»,
        # «весь год», «круглый год»
        (
            Frequency.YEAR_ROUND,
            r"в течени[еи] (?:всего )?(?:учебного )?года|(?:весь|круглый) (?:учебный )?год",
        ),
        # «по мере необходимости», «по необходимости»
        (Frequency.AS_NEEDED, r"по (?:мере )?необходимости"),
    )
)

# A «)» ending the text, followed only by dots/spaces: «Октябрь (по плану).»
_DOTS_AFTER_NOTE = re.compile(r"(?<=\))[\s.]+$")
# Tokens of a month list: a word, or any single other non-space character.
_TOKEN = re.compile(r"\w+|\S")


def _normalise(text: str) -> str:
    """Lowercase, «ё» → «е», dots → spaces, whitespace collapsed to single spaces."""
    return " ".join(text.lower().replace("ё", "е").replace(".", " ").split())


def _split_note(text: str) -> tuple[str, str]:
    """Split «head (note)» into head and note; the note runs from the first «(»."""
    core = _DOTS_AFTER_NOTE.sub("", text)
    if core.endswith(")") and "(" in core:
        start = core.index("(")
        return core[:start], core[start + 1 : -1]
    return text, ""


def _academic_span(first: int, last: int) -> tuple[int, ...] | None:
    """Months from ``first`` to ``last`` in academic order, None if ``last`` comes first."""
    start, end = _ACADEMIC_INDEX[first], _ACADEMIC_INDEX[last]
    if end < start:
        return None
    return ACADEMIC_MONTHS[start : end + 1]


def _parse_months(text: str) -> frozenset[int] | None:
    """Parse a normalised month list such as «сентябрь - октябрь, май и июнь».

    Grammar: items separated by whitespace, «,», «;» or «и»; an item is a month
    or a span «month-dash-month».  Returns None if anything else is found.
    """
    months: set[int] = set()
    previous: int | None = None  # the last month read, if it may start a span
    in_span = False  # a dash was read after ``previous``
    for token in _TOKEN.findall(text):
        if token in _MONTH_BY_NAME:
            month = _MONTH_BY_NAME[token]
            if in_span:
                assert previous is not None
                span = _academic_span(previous, month)
                if span is None:
                    return None
                months.update(span)
                previous, in_span = None, False  # «май-июнь-июль» is not allowed
            else:
                months.add(month)
                previous = month
        elif token in _DASHES:
            if previous is None or in_span:
                return None
            in_span = True
        elif token in _LIST_SEPARATORS and not in_span:
            previous = None
        else:
            return None
    if in_span:
        return None
    return frozenset(months)


def _parse_head(text: str) -> tuple[str, frozenset[int]] | None:
    """Parse the part before the note into (frequency, months); None if not understood."""
    normalised = _normalise(text)
    frequency = ""
    rest = normalised
    for value, pattern in _FREQUENCY_PATTERNS:
        match = pattern.match(normalised)
        if match:
            frequency = value
            rest = normalised[match.end() :].strip()
            if rest[:1] in _FREQUENCY_MONTHS_SEPARATORS:
                rest = rest[1:]
            break
    months = _parse_months(rest)
    if months is None or not (frequency or months):
        return None
    return frequency, months


def parse_period(text: str) -> ParseResult:
    """Read a period written by a person (or by :func:`format_period`).

    Empty text gives an empty period.  Text that is not understood becomes
    the note of an otherwise empty period, with ``recognised=False``.
    """
    original = text.strip()
    if not original:
        return ParseResult(period=Period(), recognised=True, unknown="")
    head, note = _split_note(original)
    parsed = _parse_head(head)
    if parsed is None:
        return ParseResult(period=Period(note=original), recognised=False, unknown=original)
    frequency, months = parsed
    period = Period(months=months, frequency=frequency, note=note)
    return ParseResult(period=period, recognised=True, unknown="")


# --------------------------------------------------------------------------- Word cells

_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_WHITESPACE_RUN = re.compile(r"\s+")
# A gap of spaces does not end a period after these characters ...
_CONTINUES_AFTER: Final = frozenset(",;:(") | _DASHES
# ... nor before these.
_CONTINUES_BEFORE: Final = frozenset(",;:()") | _DASHES


def _is_wide_gap(gap: str) -> bool:
    """Three or more whitespace characters, or any tab, separate two periods."""
    return len(gap) >= 3 or "\t" in gap


def _gap_continues(before: str, after: str) -> bool:
    """True if a wide gap is inside one period («сентябрь,    май»), not between two."""
    before = before.rstrip()
    if before[-1:] in _CONTINUES_AFTER or after[:1] in _CONTINUES_BEFORE:
        return True
    if before.lower().endswith(" и") or before.lower() == "и":
        return True
    return before.count("(") > before.count(")")  # inside an unclosed note


def _split_wide_gaps(line: str) -> list[str]:
    """Split one line at wide gaps of whitespace that separate periods."""
    parts: list[str] = []
    start = 0  # where the current part begins
    for gap in _WHITESPACE_RUN.finditer(line):
        before, after = line[start : gap.start()], line[gap.end() :]
        if _is_wide_gap(gap.group()) and not _gap_continues(before, after):
            parts.append(before)
            start = gap.end()
    parts.append(line[start:])
    return parts


def split_period_lines(cell_text: str) -> list[str]:
    """Split a Word table cell into periods, one per activity line.

    Periods are separated by line breaks or by wide gaps (3+ whitespace
    characters, or a tab).  A gap after a comma, dash, colon, «и» or inside
    parentheses continues the same period: «Сентябрь, октябрь,    февраль».
    Blank parts are dropped; the rest are returned stripped, otherwise as is.
    """
    items: list[str] = []
    for line in _LINE_BREAK.split(cell_text):
        items.extend(part.strip() for part in _split_wide_gaps(line))
    return [item for item in items if item]


# --------------------------------------------------------------------------- the working year

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
