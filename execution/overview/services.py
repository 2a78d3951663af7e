"""What the execution view reads: the year's rows and activities in scope, tallied once.

Everything is loaded in a fixed number of queries (rows, their directions, their activities with
``execution.schedules.with_execution``) and counted by ``execution.tally``; the tables, the
drill-down and the export group those tallies in Python, so the number of queries does not
depend on how many units, activities or occurrences there are.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from execution import tally
from execution.schedules import with_execution
from partners.models import Unit
from plans.models import Activity, Plan, PlanRow, academic_year_label
from plans.review.coverage.params import selected_units
from plans.review.coverage.rows import partner_ranks, ranks, row_matches_direction

from .filters import OCCURRENCES, OverviewParams


def today() -> datetime.date:
    """The day the view judges on (tests replace it: a slot is overdue relative to today)."""
    return timezone.localdate()


@dataclass
class Loaded:
    """The year's rows and activities in scope, tallied."""

    params: OverviewParams
    units: list[Unit]  # every unit in scope, whether it keeps a plan or not
    plans: dict[int, Plan]  # the year's plans in scope, by unit
    rows: list[PlanRow]  # every filter applied, in the one ordering of partners
    tallies: list[tally.ActivityTally]
    today: datetime.date

    @property
    def year_label(self) -> str:
        return academic_year_label(self.params.year)


def _rows(units: list[Unit], params: OverviewParams) -> list[PlanRow]:
    # The activities' own joins are dropped: each then takes its row from the prefetch, with
    # the row's directions, partner and plan already loaded (no query per row).
    activities = with_execution(Activity.objects.all()).select_related(None).select_related("form")
    rows = (
        PlanRow.objects.filter(plan__year=params.year, plan__unit__in=[u.pk for u in units])
        .select_related("plan__unit__institution", "partner__category")
        .prefetch_related("directions", Prefetch("activities", queryset=activities))
    )
    if params.tier:
        rows = rows.filter(partner__category__tier=params.tier)
    if params.category:
        rows = rows.filter(partner__category=params.category)
    if params.partner:
        rows = rows.filter(partner=params.partner)
    partner_rank, unit_rank = partner_ranks(), ranks(units)
    ordered = sorted(
        rows,
        key=lambda r: (
            partner_rank.get(r.partner_id, len(partner_rank)),
            unit_rank.get(r.plan.unit_id, 0),
            r.order,
            r.pk,
        ),
    )
    return [r for r in ordered if row_matches_direction(r, params)]


def load(user, params: OverviewParams, day: datetime.date | None = None) -> Loaded:
    """The rows and activities of the year in scope that match every filter, tallied on
    ``day`` (today by default)."""
    day = day or today()
    units = selected_units(user, params)
    plans = Plan.objects.filter(year=params.year, unit__in=[u.pk for u in units])
    rows = _rows(units, params)
    activities = [a for r in rows for a in r.activities.all()]
    return Loaded(
        params=params,
        units=units,
        plans={p.unit_id: p for p in plans},
        rows=rows,
        tallies=tally.tally(activities, day),
        today=day,
    )


def counts_in(t: tally.ActivityTally, month: int | None) -> tally.Counts:
    """An activity's counts in the whole year, or in one month."""
    if month is None:
        return t.counts
    return t.by_month.get(month) or tally.Counts()


def is_behind(t: tally.ActivityTally, status: str, month: int | None) -> bool:
    """Whether the activity counts in the number of ``status`` (and ``month``): it lies behind
    that number of the view. No status: anything planned or held (in the month)."""
    counts = counts_in(t, month)
    if not status:
        return month is None or bool(counts.planned or counts.occurrences or counts.cancelled)
    if status == OCCURRENCES:
        return counts.occurrences > 0
    return getattr(counts, status) > 0


def behind(loaded: Loaded, status: str, month: int | None) -> list[tally.ActivityTally]:
    """The activities behind a number of the view (the dimensions are the filters)."""
    return [t for t in loaded.tallies if is_behind(t, status, month)]
