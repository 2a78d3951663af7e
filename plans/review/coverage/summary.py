"""The coverage's gaps in a few lines: each kind of gap with its count (the page's tiles and
the head of every coverage export)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from plans.review.coverage.report import Coverage

GAP_ANCHORS = [
    "empty-partners",
    "unplanned-partners",
    "months",
    "empty-categories",
    "empty-directions",
    "units-without-plan",
    "agreements",
    "agreements",
]


def gap_lines(report: Coverage) -> list[tuple[str, int]]:
    """Each kind of gap with how many there are, in the order the page shows them."""
    return [
        (_("Partners with a row but no activity"), len(report.empty_rows)),
        (_("Registry partners in no plan of the year"), len(report.unplanned_partners)),
        (_("Months with no activity"), len(report.empty_months)),
        (_("Categories with no partner in any plan"), len(report.categories_without_partners)),
        (_("Directions with no activity"), len(report.directions_without_activities)),
        (_("Units with no plan for the year"), len(report.units_without_plan)),
        (_("Agreements expired or expiring"), len(report.agreements_ending)),
        (_("Partners with activities but no agreement"), len(report.partners_without_agreement)),
    ]


def gap_tiles(report: Coverage) -> list[dict]:
    """The gap summary of the page: label, count, where the list is, and what it holds."""
    months = ", ".join(m.name.lower() for m in report.empty_months)
    tiles = []
    for (label, count), anchor in zip(gap_lines(report), GAP_ANCHORS, strict=True):
        detail = months if anchor == "months" else ""
        tiles.append({"label": label, "count": count, "anchor": anchor, "detail": detail})
    return tiles
