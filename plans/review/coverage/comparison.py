"""The coverage compared with last year, under the same filters.

Last year is summed up in the database (`rows.year_summary`); the partners gained and lost are
listed in the one ordering of partners, at most `limit` of each on the page (the counts are
always whole, and the exports take every partner)."""

from __future__ import annotations

from dataclasses import dataclass

from partners.models import Direction, Partner
from plans.models import academic_year_label
from plans.review.coverage.matrices import label_direction
from plans.review.coverage.params import CoverageParams
from plans.review.coverage.rows import YearSummary, summarise


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
    gained_count: int = 0
    lost_count: int = 0

    @property
    def gained_more(self) -> int:
        """Partners gained that the page leaves out."""
        return self.gained_count - len(self.gained)

    @property
    def lost_more(self) -> int:
        return self.lost_count - len(self.lost)


def _directions(now: YearSummary, then: YearSummary, directions, params):
    lines = [
        DirectionComparison(
            d, label_direction(d), then.direction_counts[d.pk], now.direction_counts[d.pk]
        )
        for d in directions
    ]
    if now.without_direction or then.without_direction or params.no_direction:
        lines.append(
            DirectionComparison(
                None, label_direction(None), then.without_direction, now.without_direction
            )
        )
    return lines


def compare(
    rows, then: YearSummary, directions, params: CoverageParams, had_plans: bool,
    lost_query, limit: int | None = None,
) -> Comparison:
    """This year's rows (in the one ordering of partners) against last year's summary: partners
    gained and lost (the first `limit` of `lost_query`), activities by direction."""
    now = summarise(rows)
    now_partners = {r.partner_id: r.partner for r in rows}  # in the rows' order
    gained = [pk for pk in now_partners if pk not in then.partner_ids]
    lost = then.partner_ids - now.partner_ids
    return Comparison(
        year_label=academic_year_label(params.year),
        last_year_label=academic_year_label(params.year - 1),
        had_plans=had_plans,
        gained=[now_partners[pk] for pk in gained[:limit]],
        lost=list(lost_query[:limit]) if lost else [],
        directions=_directions(now, then, directions, params),
        activities_then=then.activity_count,
        activities_now=now.activity_count,
        partners_then=len(then.partner_ids),
        partners_now=len(now.partner_ids),
        gained_count=len(gained),
        lost_count=len(lost),
    )
