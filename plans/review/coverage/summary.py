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
        (_("Registry partners in no plan of the year"), report.unplanned_count),
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


def _names(items, limit: int = 3) -> str:
    """The first few names of a list, «…» when there are more."""
    names = [str(getattr(item, "name", item)) for item in items]
    shown = ", ".join(names[:limit])
    return f"{shown}, …" if len(names) > limit else shown


def _action(text: str, anchor: str, names: str = "") -> dict:
    return {"text": text, "anchor": anchor, "names": names}


def first_actions(report: Coverage, limit: int = 5) -> list[dict]:
    """What to act on first (at most `limit` things), derived from the gaps, most pressing first:
    partners with a row and nothing in it, empty working months, units without a plan,
    categories with no partner, agreements running out, directions with nothing."""
    candidates = [
        (
            report.empty_partners,
            "empty-partners",
            _("Plan activities with the partners that have a row and nothing in it"),
        ),
        (report.empty_months, "months", _("Plan something in the working months with nothing")),
        (
            report.units_without_plan,
            "units-without-plan",
            _("Ask these units to draw up their plan"),
        ),
        (
            report.categories_without_partners,
            "empty-categories",
            _("Find a partner in the categories with none"),
        ),
        (
            [g.agreement.partner for g in report.agreements_ending],
            "agreements",
            _("Renew or close the agreements running out"),
        ),
        (
            report.directions_without_activities,
            "empty-directions",
            _("Plan work in the directions with no activity"),
        ),
        (
            [e.partner for e in report.partners_without_agreement],
            "agreements",
            _("Sign agreements with the external partners worked with"),
        ),
    ]
    actions = []
    for items, anchor, text in candidates:
        if items:
            names = _names(m.name.lower() for m in items) if anchor == "months" else _names(items)
            actions.append(_action(f"{text} ({len(items)})", anchor, names))
    return actions[:limit]
