"""Coverage of the partnership system: where the plans of a year have holes.

A methodist asks: which partners have a row and nothing in it, which registry partners are in
no plan, which months, categories, directions and units have nothing, which agreements run out.

- `params`: the filters (`CoverageParams`), the scope (`partners.policy`) and the years;
- `rows`: the rows looked at, loaded once and ordered;
- `months`: activities by month (pinned to it, or regular work spanning it) and those listed
  apart;
- `gaps`, `matrices`, `comparison`: what the page shows; `report`: all of it together;
- `drilldown`: the activities behind a cell.
"""

from plans.review.coverage.drilldown import ActivityQuery, describe, matching_activities
from plans.review.coverage.gaps import unplanned_queryset
from plans.review.coverage.matrices import Matrix
from plans.review.coverage.months import (
    NO_PERIOD,
    REGULAR_MARK,
    UNTIED_ORDER,
    untied_label,
)
from plans.review.coverage.params import (
    NO_DIRECTION,
    CoverageParams,
    default_year,
    selected_units,
    year_choices,
)
from plans.review.coverage.report import Coverage, build_coverage
from plans.review.coverage.summary import first_actions, gap_lines, gap_tiles

__all__ = [
    "NO_DIRECTION",
    "NO_PERIOD",
    "REGULAR_MARK",
    "UNTIED_ORDER",
    "ActivityQuery",
    "Coverage",
    "CoverageParams",
    "Matrix",
    "build_coverage",
    "default_year",
    "describe",
    "first_actions",
    "gap_lines",
    "gap_tiles",
    "matching_activities",
    "selected_units",
    "unplanned_queryset",
    "untied_label",
    "year_choices",
]
