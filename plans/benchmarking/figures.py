"""A measured figure, its baseline and its target; the printed table and the JSON file."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass
class Figure:
    group: str
    name: str
    value: float | None
    unit: str
    # The value against a baseline measured in the same run (value / baseline).
    ratio: float | None = None
    against: str = ""
    # The bound the target puts on the ratio (if `on_ratio`) or on the value.
    target: float | None = None
    on_ratio: bool = False
    at_least: bool = False  # the target is a floor (throughput), not a ceiling
    note: str = ""

    @property
    def checked(self) -> float | None:
        return self.ratio if self.on_ratio else self.value

    @property
    def short(self) -> bool:
        """True when the figure falls short of its target."""
        if self.target is None or self.checked is None:
            return False
        if self.at_least:
            return self.checked < self.target
        return self.checked > self.target

    def target_text(self) -> str:
        if self.target is None:
            return ""
        sign = "≥" if self.at_least else "≤"
        suffix = "×" if self.on_ratio else f" {self.unit}"
        return f"{sign} {self.target:g}{suffix}"


def ratio(value: float | None, base: float | None) -> float | None:
    if value is None or not base:
        return None
    return value / base


def number(value: float | None, digits: int = 3) -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.{digits}f}"


def table(figures: list[Figure]) -> str:
    lines = [f"{'figure':<44} {'value':>10} {'unit':<6} {'ratio':>8}  {'against':<30} "
             f"{'target':<10} mark"]
    group = None
    for figure in figures:
        if figure.group != group:
            group = figure.group
            lines.append(f"-- {group}")
        lines.append(
            f"{figure.name[:44]:<44} {number(figure.value):>10} {figure.unit:<6} "
            f"{number(figure.ratio, 2):>8}  {figure.against[:30]:<30} "
            f"{figure.target_text():<10} {'SHORT' if figure.short else ''}"
            + (f"  ({figure.note})" if figure.note else "")
        )
    return "\n".join(lines)


def to_json(figures: list[Figure], meta: dict) -> str:
    rows = [asdict(f) | {"short": f.short, "target_text": f.target_text()} for f in figures]
    return json.dumps({"meta": meta, "figures": rows}, ensure_ascii=False, indent=2)
