"""Splitting a table cell into activities and periods, and giving the periods to the activities.

* The forms cell holds one activity per line (paragraph or line break). A line laid out with
  runs of spaces (three or more, or a tab) is split at them, as the period cell is, and such a
  line is also split into its sentences outside quotes («Изготовление сувениров к праздникам.
  Выставка работ воспитанников» is two activities). Bullets and numbers before a line are
  dropped.
* The period cell is split by :func:`plans.periods.split_period_lines`. Periods are given to
  the activities (:func:`align_periods`):

  - as many periods as activities: line by line;
  - one period: to every activity of the row;
  - fewer periods, each on the line of an activity: each period from that activity on;
  - otherwise in order, in blocks as even as possible (the earlier blocks take the extra
    activities, or the extra periods, which then merge into one period when they can); the row
    is listed in the report to be checked.
"""

from __future__ import annotations

import re

from plans.importing.parsed import clean_text
from plans.periods import Period, parse_period, split_period_lines

_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_BULLET = re.compile(r"^(?:[-–—•·*▪●○◦]|\d{1,2}[.)])\s+")
_OPENING = "«(“„"
_CLOSING = {"«": "»", "(": ")", "“": "”", "„": "“"}


def _split_sentences(text: str) -> list[str]:
    """Split at «. », «! », «? » before a capital letter, outside quotes and parentheses."""
    parts, start, stack, quote_open = [], 0, [], False
    for index, char in enumerate(text):
        if stack and char == _CLOSING[stack[-1]]:
            stack.pop()
        elif char in _OPENING:
            stack.append(char)
        elif char == '"':
            quote_open = not quote_open
        elif char in ".!?" and not stack and not quote_open:
            rest = text[index + 1 :]
            stripped = rest.lstrip()
            if stripped and rest[:1].isspace() and stripped[0].isupper():
                parts.append(text[start : index + 1])
                start = index + 1
    parts.append(text[start:])
    return [clean_text(part) for part in parts if clean_text(part)]


def split_activities(cell_text: str) -> list[tuple[int, str]]:
    """The activities of a forms cell, each with the index of the line it starts on."""
    items = []
    for index, line in enumerate(_LINE_BREAK.split(cell_text or "")):
        pieces = split_period_lines(line)
        laid_out = len(pieces) > 1
        for piece in pieces:
            for title in _split_sentences(piece) if laid_out else [clean_text(piece)]:
                title = _BULLET.sub("", title).strip()
                if title:
                    items.append((index, title))
    return items


def split_periods(cell_text: str) -> list[tuple[int, str]]:
    """The periods of a period cell, each with the index of its line."""
    items = []
    for index, line in enumerate(_LINE_BREAK.split(cell_text or "")):
        for piece in split_period_lines(line):
            items.append((index, clean_text(piece)))
    return items


def _blocks(count: int, parts: int) -> list[int]:
    """Sizes of ``parts`` contiguous blocks over ``count`` items, the earlier ones larger."""
    return [count // parts + (1 if k < count % parts else 0) for k in range(parts)]


def _by_position(activities, periods) -> list[list[str]] | None:
    """Each period from the activity on its line on, when every period sits on such a line."""
    activity_lines = [line for line, _t in activities]
    period_lines = [line for line, _t in periods]
    if not (
        len(set(period_lines)) == len(periods)
        and len(set(activity_lines)) == len(activities)
        and set(period_lines) <= set(activity_lines)
        and period_lines[0] == activity_lines[0]
    ):
        return None
    by_line = dict(periods)
    result, current = [], None
    for line, _title in activities:
        current = by_line.get(line, current)
        result.append([current])
    return result


def _spread(count: int, texts: list[str]) -> list[list[str]]:
    if len(texts) < count:
        result = []
        for text, size in zip(texts, _blocks(count, len(texts)), strict=True):
            result.extend([[text]] * size)
        return result
    result, position = [], 0
    for size in _blocks(len(texts), count):
        result.append(texts[position : position + size])
        position += size
    return result


def align_periods(
    activities: list[tuple[int, str]], periods: list[tuple[int, str]]
) -> tuple[list[list[str]], str]:
    """Give the periods to the activities: one list of period texts per activity, and how.

    The method is "none" (no periods), "orphan" (periods but no activities), "line",
    "single", "position", "merged" (one activity, several periods) or "spread" (to check).
    """
    count, period_count = len(activities), len(periods)
    texts = [text for _line, text in periods]
    if period_count == 0:
        return [[] for _a in activities], "none"
    if count == 0:
        return [], "orphan"
    if period_count == count:
        return [[text] for text in texts], "line"
    if period_count == 1:
        return [[texts[0]] for _a in activities], "single"
    if count == 1:
        return [texts], "merged"
    if period_count < count:
        positioned = _by_position(activities, periods)
        if positioned is not None:
            return positioned, "position"
    return _spread(count, texts), "spread"


def merge_periods(texts: list[str]) -> tuple[Period, list[str]]:
    """One period from several texts, and the texts that were not understood."""
    months: set[int] = set()
    frequencies, notes, unknown = [], [], []
    for text in texts:
        result = parse_period(text)
        if not result.recognised:
            unknown.append(text)
            notes.append(text)
            continue
        months |= result.period.months
        if result.period.frequency and result.period.frequency not in frequencies:
            frequencies.append(result.period.frequency)
        if result.period.note:
            notes.append(result.period.note)
    if len(frequencies) > 1:
        # Two different frequencies cannot be one period: keep the first, note the others.
        first = parse_period(texts[0]).period
        others = [t for t in texts[1:] if t not in unknown]
        note = "; ".join(n for n in [first.note, *others] if n)[:200]
        return Period(first.months, first.frequency, note), [*unknown, *others]
    note = "; ".join(notes)[:200]
    return Period(frozenset(months), frequencies[0] if frequencies else "", note), unknown
