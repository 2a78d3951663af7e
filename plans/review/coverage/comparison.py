"""The coverage compared with last year, under the same filters."""

from __future__ import annotations

from dataclasses import dataclass

from partners.models import Direction, Partner
from plans.models import academic_year_label
from plans.review.coverage.matrices import label_direction
from plans.review.coverage.params import CoverageParams
from plans.review.coverage.rows import activity_count, direction_counts


@dataclass
class DirectionComparison:
    direction: Direction | None
    label: str
    then: int
    now: int

    @property
    def change(self) -> int:
        return self.now - self.then


@dataclass
class Comparison:
    year_label: str
    last_year_label: str
    had_plans: bool
    gained: list[Partner]
    lost: list[Partner]
    directions: list[DirectionComparison]
    activities_then: int
    activities_now: int
    partners_then: int
    partners_now: int


def _directions(rows, last_rows, directions, params) -> list[DirectionComparison]:
    now_counts, now_without = direction_counts(rows)
    then_counts, then_without = direction_counts(last_rows)
    lines = [
        DirectionComparison(d, label_direction(d), then_counts[d.pk], now_counts[d.pk])
        for d in directions
    ]
    if now_without or then_without or params.no_direction:
        lines.append(DirectionComparison(None, label_direction(None), then_without, now_without))
    return lines


def compare(
    rows, last_rows, directions, params: CoverageParams, had_plans: bool, partner_rank
) -> Comparison:
    """This year's rows against last year's: partners gained and lost, activities by direction.

    `partner_rank` places partners in the one ordering of partners."""
    now_partners = {r.partner_id: r.partner for r in rows}
    then_partners = {r.partner_id: r.partner for r in last_rows}

    def in_order(pks):
        return sorted(pks, key=lambda pk: partner_rank.get(pk, len(partner_rank)))

    gained = in_order(pk for pk in now_partners if pk not in then_partners)
    lost = in_order(pk for pk in then_partners if pk not in now_partners)
    return Comparison(
        year_label=academic_year_label(params.year),
        last_year_label=academic_year_label(params.year - 1),
        had_plans=had_plans,
        gained=[now_partners[pk] for pk in gained],
        lost=[then_partners[pk] for pk in lost],
        directions=_directions(rows, last_rows, directions, params),
        activities_then=activity_count(last_rows),
        activities_now=activity_count(rows),
        partners_then=len(then_partners),
        partners_now=len(now_partners),
    )
