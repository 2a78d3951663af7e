"""The benchmark's data, built through plans.synth in years of their own (never the current
one): the single plans of 25, 200 and 2,000 rows in BASE, 42 units of 100 rows in BASE + 1
(4,200 rows), and one unit of 100 rows alone in BASE + 2 (the one-unit counterpart)."""

from __future__ import annotations

from dataclasses import dataclass, field

from plans.models import Plan, current_academic_year
from plans.synth import Spec, build

UNITS = 42
UNIT_ROWS = 100


def base_year() -> int:
    return current_academic_year() + 20


@dataclass
class Data:
    year: int
    plans: dict[int, Plan] = field(default_factory=dict)  # rows → plan
    many_year: int | None = None
    one_year: int | None = None
    units: int = 0


ROWS = (25, 200, 2000)
QUICK_BELOW = 1000  # --quick leaves out plans of this many rows or more, and the many units


def build_data(rows=ROWS, units: int | None = UNITS, unit_rows: int = UNIT_ROWS,
               quick: bool = False) -> Data:
    year = base_year()
    data = Data(year=year)
    for count in sorted(rows):
        if not (quick and count >= QUICK_BELOW):
            data.plans[count] = build(Spec(rows=count, year=year))[0]
    build(Spec(rows=unit_rows, year=year + 2))
    data.one_year = year + 2
    if units and not quick:
        build(Spec(rows=unit_rows, units=units, year=year + 1))
        data.many_year = year + 1
        data.units = units
    return data
