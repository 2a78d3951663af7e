"""The institution's consolidated report for a year: every unit's figures, the totals, the
achievements and the charts, in a fixed number of queries whatever the number of units and
occurrences (one tally of every activity of the year, grouped by unit)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import pgettext

from execution import tally
from execution.models import Achievement
from execution.schedules import with_execution
from execution.tally import Counts
from partners.models import Institution, Unit
from plans.models import Activity, Plan, academic_year_label

from .services import Chart, figures, level_chart, month_chart, working_of_institution

YEARS = range(2000, 2101)


@dataclass
class UnitLine:
    """A unit that kept a plan this year, with its figures (zeros included)."""

    number: int
    unit: Unit
    plan: Plan
    counts: Counts


@dataclass
class ConsolidatedReport:
    year: int
    institution: Institution | None
    lines: list[UnitLine]
    without_plan: list[Unit]
    totals: Counts
    achievements: list[Achievement]
    levels: list[tuple[str, str, int]]
    charts: list[Chart]

    @property
    def academic_year(self) -> str:
        return academic_year_label(self.year)

    @property
    def title(self) -> str:
        return pgettext(
            "report",
            "Consolidated report on the implementation of the plans of work with social "
            "partners for the %(year)s academic year",
        ) % {"year": self.academic_year}

    @property
    def figures(self) -> list[tuple[str, str]]:
        return figures(self.totals)

    @property
    def printed_lines(self) -> int:
        """How long the printed report is: what decides whether its PDF runs in the
        background."""
        return len(self.lines) + len(self.without_plan) + len(self.achievements)


def year_plans(year: int) -> list[Plan]:
    return list(
        Plan.objects.filter(year=year)
        .select_related("unit", "unit__institution")
        .order_by("unit__order", "unit__name")
    )


def build_consolidated(year: int, today: datetime.date | None = None) -> ConsolidatedReport:
    """Every unit's plan of ``year``, counted once (see :mod:`execution.tally`)."""
    plans = year_plans(year)
    activities = with_execution(Activity.objects.filter(row__plan__year=year))
    tallies = tally.tally(activities, today)
    by_unit = tally.group(tallies, lambda t: [t.activity.row.plan.unit_id])
    lines = [
        UnitLine(n, plan.unit, plan, by_unit.get(plan.unit_id, Counts()))
        for n, plan in enumerate(plans, start=1)
    ]
    planned_units = {plan.unit_id for plan in plans}
    without = [
        u
        for u in Unit.objects.order_by("order", "name")
        if u.expects_plan and u.pk not in planned_units
    ]
    institution = plans[0].unit.institution if plans else Institution.objects.first()
    found = tally.achievements(tallies)
    levels = tally.by_level(found)
    return ConsolidatedReport(
        year=year,
        institution=institution,
        lines=lines,
        without_plan=without,
        totals=tally.total(tallies),
        achievements=found,
        levels=levels,
        charts=[month_chart(tallies, working_of_institution(institution)), level_chart(levels)],
    )
