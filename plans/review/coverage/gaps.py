"""The gaps of a year's plans: what a methodist has to look at.

Empty rows, registry partners in no plan, months with nothing, categories without partners,
directions without activities, units without a plan, agreements that run out and partners
with activities but no agreement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Window

from partners.models import Agreement, Partner, Tier
from plans.models import PlanRow
from plans.periods import ACADEMIC_MONTHS, month_name
from plans.review.coverage.months import (
    APART_ORDER,
    REGULAR_ORDER,
    month_counts,
    untied_counts,
    untied_label,
)
from plans.review.coverage.params import CoverageParams, year_start
from plans.review.coverage.rows import partner_matches, row_activities


@dataclass
class MonthCount:
    month: int
    name: str
    count: int  # activities pinned to the month (dated events)
    url: str
    regular: int = 0  # regular work spanning the month
    working: bool = True  # a working month of the institution (else: summer holidays)

    @property
    def is_empty(self) -> bool:
        """A gap: a working month with neither a pinned activity nor regular work."""
        return self.working and self.count == 0 and self.regular == 0


@dataclass
class UntiedCount:
    key: str
    label: str
    count: int
    url: str


@dataclass
class AgreementGap:
    agreement: Agreement
    status: str
    label: str


@dataclass
class PartnerWithoutAgreement:
    partner: Partner
    rows: list[PlanRow]
    activity_count: int
    links: list[tuple[str, str]] = field(default_factory=list)  # (unit, its row in the plan)

    SHOWN = 5  # the page names this many units, and counts the rest

    @property
    def shown_links(self) -> list[tuple[str, str]]:
        return self.links[: self.SHOWN]

    @property
    def more_links(self) -> int:
        return max(0, len(self.links) - self.SHOWN)


def months(activities, params: CoverageParams, working) -> list[MonthCount]:
    pinned, regular = month_counts(activities, working)
    return [
        MonthCount(
            m,
            month_name(m, capital=True),
            pinned[m],
            params.activities_url(month=m) if pinned[m] or regular[m] else "",
            regular=regular[m],
            working=m in working,
        )
        for m in ACADEMIC_MONTHS
    ]


def _untied(activities, params: CoverageParams, keys) -> list[UntiedCount]:
    counts = untied_counts(activities)
    return [
        UntiedCount(k, str(untied_label(k)), counts[k], params.activities_url(period=k))
        for k in keys
        if counts[k]
    ]


def regular_work(activities, params: CoverageParams) -> list[UntiedCount]:
    """Activities with a frequency and no months, by frequency: regular work over the year."""
    return _untied(activities, params, REGULAR_ORDER)


def listed_apart(activities, params: CoverageParams) -> list[UntiedCount]:
    """Activities «as needed» or with no period: they cover no month."""
    return _untied(activities, params, APART_ORDER)


def unplanned_queryset(units, params: CoverageParams):
    """Active registry partners (in the one ordering) with no row in any plan of the year of
    these units, tier and category applied: asked of the database, so the registry's size
    costs a count and a page, never a loop over every partner."""
    planned = PlanRow.objects.filter(
        plan__year=params.year, plan__unit__in=[u.pk for u in units]
    ).values("partner_id")
    partners = Partner.objects.ordered().filter(is_active=True).exclude(pk__in=planned)
    if params.tier:
        partners = partners.filter(category__tier=params.tier)
    if params.category:
        partners = partners.filter(category=params.category)
    return partners


def unplanned_partners(units, params: CoverageParams, limit=None) -> tuple[list[Partner], int]:
    """The first `limit` partners in no plan (every one without a limit), and how many."""
    partners = unplanned_queryset(units, params)
    if limit is None:
        listed = list(partners)
        return listed, len(listed)
    # The count rides along on every row (a window over the whole result): one query.
    listed = list(partners.annotate(total=Window(Count("pk")))[:limit])
    return listed, listed[0].total if listed else 0


def _renewed(agreements, day: date) -> set[tuple[int, int]]:
    """Holders (partner, unit) with an agreement going on or about to start."""
    going_on = {Agreement.Status.IN_FORCE, Agreement.Status.NOT_STARTED}
    return {(a.partner_id, a.unit_id) for a in agreements if a.status_on(day) in going_on}


def agreements_ending(agreements, params: CoverageParams, day: date) -> list[AgreementGap]:
    """Agreements that expired this year or expire soon, and are not renewed."""
    renewed = _renewed(agreements, day)
    ending = []
    for a in agreements:
        if not partner_matches(a.partner, params):
            continue
        status = a.status_on(day)
        if status not in {Agreement.Status.EXPIRED, Agreement.Status.EXPIRING}:
            continue
        if (a.partner_id, a.unit_id) in renewed:
            continue  # the same holder has another one going on: no gap
        if status == Agreement.Status.EXPIRED and a.valid_until < year_start(params.year):
            continue  # ran out before this year began: history, not a gap of this year
        ending.append(AgreementGap(a, status, str(Agreement.Status(status).label)))
    ending.sort(key=lambda g: (g.agreement.valid_until or date.max, g.agreement.partner.name))
    return ending


def partners_without_agreement(agreements, rows, day: date) -> list[PartnerWithoutAgreement]:
    """External partners with activities in a unit's plan and no agreement in force there."""
    in_force = {Agreement.Status.IN_FORCE, Agreement.Status.EXPIRING}
    covered = {(a.partner_id, a.unit_id) for a in agreements if a.status_on(day) in in_force}
    without: dict[int, PartnerWithoutAgreement] = {}
    plan_urls: dict[int, str] = {}
    for row in rows:
        if row.partner.category.tier != Tier.EXTERNAL:
            continue  # units of the institution and parents need no agreement
        n = len(row_activities(row))
        if not n or (row.partner_id, row.plan.unit_id) in covered:
            continue
        entry = without.setdefault(row.partner_id, PartnerWithoutAgreement(row.partner, [], 0))
        entry.rows.append(row)
        entry.activity_count += n
        if row.plan_id not in plan_urls:  # a few dozen plans, thousands of rows: reverse once
            plan_urls[row.plan_id] = row.plan.get_absolute_url()
        entry.links.append((row.plan.unit.name, f"{plan_urls[row.plan_id]}#row-{row.pk}"))
    return list(without.values())
