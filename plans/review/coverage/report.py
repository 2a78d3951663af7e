"""The coverage of a year's plans, built in a fixed number of queries.

Everything is computed in Python over the year's plans, rows and activities loaded once, so the
number of queries does not depend on how many units, rows or activities there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partners.models import Agreement, Category, Direction, Partner, Unit
from plans.models import Plan, PlanRow, academic_year_label
from plans.review.coverage import gaps
from plans.review.coverage.comparison import Comparison, compare
from plans.review.coverage.matrices import (
    Matrix,
    category_direction_matrix,
    partner_month_matrix,
    unit_direction_matrix,
)
from plans.review.coverage.params import (
    CoverageParams,
    reference_day,
    selected_units,
    working_months_of,
)
from plans.review.coverage.rows import (
    Known,
    YearSummary,
    activities,
    direction_counts,
    lost_partners,
    row_activities,
    row_matches_direction,
    year_rows,
    year_summary,
)


@dataclass
class Coverage:
    params: CoverageParams
    units: list[Unit]
    plans: list[Plan]
    rows: list[PlanRow]
    activity_count: int
    empty_rows: list[PlanRow]
    unplanned_partners: list[Partner]  # the first `list_limit` on the page, every one in exports
    months: list[gaps.MonthCount]
    regular_work: list[gaps.UntiedCount]  # frequencies without months: regular work
    listed_apart: list[gaps.UntiedCount]  # «as needed» and no period: no month
    working_months: tuple[int, ...]
    categories_without_partners: list[Category]
    directions_without_activities: list[Direction]
    units_without_plan: list[Unit]
    agreements_ending: list[gaps.AgreementGap]
    partners_without_agreement: list[gaps.PartnerWithoutAgreement]
    partner_month: Matrix
    category_direction: Matrix
    unit_direction: Matrix
    comparison: Comparison
    reference_day: date
    unplanned_count: int = 0  # every partner in no plan, however many are listed

    @property
    def year_label(self) -> str:
        return academic_year_label(self.params.year)

    @property
    def unplanned_more(self) -> int:
        """Partners in no plan that the page leaves out (see the full list)."""
        return self.unplanned_count - len(self.unplanned_partners)

    @property
    def empty_months(self) -> list[gaps.MonthCount]:
        return [m for m in self.months if m.is_empty]

    @property
    def regular_total(self) -> int:
        return sum(u.count for u in self.regular_work)

    @property
    def apart_total(self) -> int:
        return sum(u.count for u in self.listed_apart)

    @property
    def runs_summer(self) -> bool:
        return len(self.working_months) == 12

    @property
    def empty_partners(self) -> list[Partner]:
        """Partners with a row and no activity, each once, in the order of their rows."""
        seen, result = set(), []
        for row in self.empty_rows:
            if row.partner_id not in seen:
                seen.add(row.partner_id)
                result.append(row.partner)
        return result

    @property
    def gap_count(self) -> int:
        return (
            len(self.empty_rows)
            + self.unplanned_count
            + len(self.empty_months)
            + len(self.categories_without_partners)
            + len(self.directions_without_activities)
            + len(self.units_without_plan)
            + len(self.agreements_ending)
            + len(self.partners_without_agreement)
        )


@dataclass
class _Loaded:
    """What the coverage reads from the database, once."""

    units: list[Unit]
    plans: list[Plan]
    working: tuple[int, ...]  # the institution's working months
    had_plans: bool  # whether any unit in scope had a plan last year
    unplanned: tuple[list[Partner], int]  # partners in no plan (the first few) and how many
    categories: list[Category]  # the filtered categories, in the one ordering of categories
    directions: list[Direction]  # the filtered directions
    year_rows: list[PlanRow]  # tier and category applied, not the direction
    last_year: YearSummary  # last year's, every filter applied
    agreements: list[Agreement]


def _directions(params: CoverageParams, every: list[Direction]) -> list[Direction]:
    if params.no_direction:
        return []
    if params.direction:
        return [d for d in every if d.pk == params.direction.pk]
    return every


def _load(user, params: CoverageParams, limit: int | None) -> _Loaded:
    units = selected_units(user, params)
    both_years = list(
        Plan.objects.filter(year__in=[params.year, params.year - 1], unit__in=units).select_related(
            "unit"
        )
    )
    plans = [p for p in both_years if p.year == params.year]
    every_direction = list(Direction.objects.all())
    known = Known(plans=plans, directions=every_direction)
    return _Loaded(
        units=units,
        plans=plans,
        working=working_months_of(units),
        had_plans=any(p.year == params.year - 1 for p in both_years),
        unplanned=gaps.unplanned_partners(units, params, limit),
        categories=[c for c in Category.objects.ordered() if params.matches_category(c)],
        directions=_directions(params, every_direction),
        year_rows=year_rows(units, params, params.year, known, with_forms=False),
        last_year=year_summary(units, params, params.year - 1),
        agreements=list(
            Agreement.objects.filter(unit__in=units).select_related(
                "partner", "partner__category", "unit"
            )
        ),
    )


def _gaps(data: _Loaded, rows, params: CoverageParams, day: date) -> dict:
    year_activities = list(activities(rows))
    in_plans = {r.partner.category_id for r in data.year_rows}
    counts, _without = direction_counts(rows)
    planned_units = {p.unit_id for p in data.plans}
    return {
        "activity_count": len(year_activities),
        "empty_rows": [r for r in rows if not row_activities(r)],
        "unplanned_partners": data.unplanned[0],
        "unplanned_count": data.unplanned[1],
        "months": gaps.months(year_activities, params, data.working),
        "regular_work": gaps.regular_work(year_activities, params),
        "listed_apart": gaps.listed_apart(year_activities, params),
        "working_months": data.working,
        "categories_without_partners": [c for c in data.categories if c.pk not in in_plans],
        "directions_without_activities": [d for d in data.directions if not counts[d.pk]],
        "units_without_plan": [
            u for u in data.units if u.expects_plan and u.pk not in planned_units
        ],
        "agreements_ending": gaps.agreements_ending(data.agreements, params, day),
        "partners_without_agreement": gaps.partners_without_agreement(data.agreements, rows, day),
    }


def _matrices(data: _Loaded, rows, params: CoverageParams) -> dict:
    plans_by_unit = {p.unit_id: p for p in data.plans}
    return {
        "partner_month": partner_month_matrix(rows, params, data.working),
        "category_direction": category_direction_matrix(
            rows, data.categories, data.directions, params
        ),
        "unit_direction": unit_direction_matrix(
            rows, data.units, plans_by_unit, data.directions, params
        ),
    }


def build_coverage(
    user, params: CoverageParams, today: date | None = None, list_limit: int | None = None
) -> Coverage:
    """Everything the coverage page shows, in a fixed number of queries. With `list_limit`
    (the page), the lists that grow with the registry (partners in no plan, partners gained
    and lost) hold at most that many, with their whole counts; without it (the exports),
    every one."""
    data = _load(user, params, list_limit)
    rows = [r for r in data.year_rows if row_matches_direction(r, params)]
    day = reference_day(params.year, today)
    lost = lost_partners(data.units, params)
    comparison = compare(
        rows, data.last_year, data.directions, params, data.had_plans, lost, list_limit
    )
    return Coverage(
        params=params,
        units=data.units,
        plans=data.plans,
        rows=rows,
        comparison=comparison,
        reference_day=day,
        **_gaps(data, rows, params, day),
        **_matrices(data, rows, params),
    )
