"""Month names and the academic order of the months (September first)."""

from __future__ import annotations

from typing import Final

ACADEMIC_MONTHS: tuple[int, ...] = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8)
"""Calendar months in the order of the academic year (September to August)."""

_ACADEMIC_INDEX: Final[dict[int, int]] = {m: i for i, m in enumerate(ACADEMIC_MONTHS)}

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


def month_name(m: int, capital: bool = False) -> str:
    """Return the nominative name of calendar month ``m`` («май» or «Май»)."""
    if m not in MONTH_NAMES:
        raise ValueError(f"month must be in 1..12, got {m!r}")
    name = MONTH_NAMES[m]
    return name.capitalize() if capital else name


def month_short(m: int) -> str:
    """Return the short heading of calendar month ``m`` in tables: «Сен», «Май»."""
    return month_name(m, capital=True)[:3]
