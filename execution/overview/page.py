"""Everything the execution view shows, built from one load: the overdue first, the totals,
the tables, the achievements and the charts; and the drill-down's activities with their slots."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import pgettext

from execution import charts, tally
from execution.models import Achievement
from plans.periods import expectations as ex
from plans.periods import month_name, month_short

from .filters import OVERDUE, STATUS_LABELS
from .services import Loaded, counts_in
from .tables import Line, Table, all_tables, total_line


@dataclass
class Overview:
    loaded: Loaded
    total: Line
    tables: list[Table]
    overdue_units: list[Line]  # the units with something overdue, the most first
    overdue_url: str
    achievements: list[Achievement]
    levels: list[tuple[str, str, int]]
    month_chart: str  # data URIs of the SVG charts
    level_chart: str


def month_chart(by_month: list[tuple[int, tally.Counts]]) -> str:
    svg = charts.planned_held_by_month(
        [month_short(m) for m, _c in by_month],
        [c.planned for _m, c in by_month],
        [c.held for _m, c in by_month],
        [c.overdue for _m, c in by_month],
    )
    return charts.data_uri(svg)


def level_chart(levels: list[tuple[str, str, int]]) -> str:
    svg = charts.achievements_by_level(
        [str(label) for _v, label, _n in levels], [n for _v, _l, n in levels]
    )
    return charts.data_uri(svg)


def build(loaded: Loaded) -> Overview:
    tables = all_tables(loaded)
    overdue_units = sorted(
        (entry for entry in tables[0].lines if entry.counts.overdue),
        key=lambda entry: -entry.counts.overdue,
    )
    found = tally.achievements(loaded.tallies)
    levels = tally.by_level(found)
    return Overview(
        loaded=loaded,
        total=total_line(loaded),
        tables=tables,
        overdue_units=overdue_units,
        overdue_url=loaded.params.activities_url(status=OVERDUE),
        achievements=found,
        levels=levels,
        month_chart=month_chart(tally.by_month(loaded.tallies)),
        level_chart=level_chart(levels),
    )


# --------------------------------------------------------------------------- the drill-down


def months_text(months: tuple[int, ...]) -> str:
    """«октябрь», or «сентябрь – ноябрь» for a slot spanning months."""
    if not months:
        return pgettext("overview", "the whole year")
    if len(months) == 1:
        return month_name(months[0])
    return f"{month_name(months[0])} – {month_name(months[-1])}"


@dataclass
class SlotView:
    """One expected occurrence of an activity, in words."""

    months: str
    status: str
    label: str
    occurrence: object = None
    reason: str = ""
    moved_from: str = ""


def slot_views(t: tally.ActivityTally) -> list[SlotView]:
    """The activity's slots in the order of the year (a moved slot where it now stands)."""
    views = []
    states = sorted(t.schedule.slots, key=lambda s: ex.academic_index(s.slot.key))
    for state in states:
        moved = state.planned_months != state.slot.months and state.planned_months
        views.append(
            SlotView(
                months=months_text(state.slot.months),
                status=state.status,
                label=str(STATUS_LABELS[state.status]),
                occurrence=state.occurrence,
                reason=state.change.reason if state.change else "",
                moved_from=months_text(state.planned_months) if moved else "",
            )
        )
    return views


@dataclass
class DrillLine:
    tally: tally.ActivityTally
    slots: list[SlotView]
    counts: tally.Counts  # in the month of the drill-down, or the whole year

    @property
    def activity(self):
        return self.tally.activity

    @property
    def row(self):
        return self.tally.activity.row

    @property
    def extra(self) -> tuple:
        return self.tally.schedule.extra


def drill_lines(tallies: list[tally.ActivityTally], month: int | None) -> list[DrillLine]:
    return [DrillLine(t, slot_views(t), counts_in(t, month)) for t in tallies]
