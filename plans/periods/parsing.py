"""Reading a period written by a person (:func:`parse_period`), and splitting a Word table cell
into periods (:func:`split_period_lines`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from .frequency import Frequency
from .model import Period
from .months import _ACADEMIC_INDEX, _MONTH_BY_NAME, ACADEMIC_MONTHS

# Characters accepted between the two ends of a span.
_DASHES: Final = frozenset("-‐‑‒–—―−")
# Tokens accepted between list items (plain whitespace also separates items).
_LIST_SEPARATORS: Final = frozenset({",", ";", "и"})
# Characters accepted between a frequency and its months: «2 раза в год: май».
_FREQUENCY_MONTHS_SEPARATORS: Final = frozenset({":", ",", ";"}) | _DASHES


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
