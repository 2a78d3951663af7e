"""The consolidated plan on screen: every plan of the year the user may see, a page at a time.

A page holds a bounded number of plans and of rows (a plan longer than that has a page of its
own), so a page costs the same whatever the number of plans. The contents list every plan and
link to its page. The exports (the consolidated PDF) still take every plan.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import render

from plans import access
from plans.exports.consolidated import YEARS, plan_documents
from plans.models import academic_year_label

PAGE_PLANS = 10  # at most this many plans on a page
PAGE_ROWS = 200  # and at most this many rows, unless one plan alone has more


def year_plans(user, year: int) -> list:
    """The plans of the year the user may see, in the consolidated order, with their row
    counts (one query)."""
    return list(
        access.plan_queryset(user)
        .filter(year=year)
        .annotate(row_count=Count("rows"))
        .order_by("unit__order", "unit__name")
    )


def group_plans(plans, most_plans: int | None = None, most_rows: int | None = None) -> list[list]:
    """The plans in pages, in order: a new page starts when the next plan would pass either
    bound (PAGE_PLANS, PAGE_ROWS by default). Never an empty page: an empty year has none."""
    most_plans = most_plans or PAGE_PLANS
    most_rows = most_rows or PAGE_ROWS
    pages: list[list] = []
    current: list = []
    rows = 0
    for plan in plans:
        if current and (len(current) >= most_plans or rows + plan.row_count > most_rows):
            pages.append(current)
            current, rows = [], 0
        current.append(plan)
        rows += plan.row_count
    if current:
        pages.append(current)
    return pages


def contents(pages) -> list[dict]:
    """Every plan of the year with its number and the page it is on: the jump menu."""
    entries = []
    for number, plans in enumerate(pages, start=1):
        for plan in plans:
            entries.append({"plan": plan, "page": number, "index": len(entries) + 1})
    return entries


def _years(user) -> list[tuple[int, str]]:
    plans = access.plan_queryset(user).order_by()
    years = sorted(set(plans.values_list("year", flat=True)), reverse=True)
    return [(y, academic_year_label(y)) for y in years]


@login_required
def consolidated(request, year):
    if year not in YEARS:
        raise Http404
    pages = group_plans(year_plans(request.user, year))
    # Paginator over the pages, one a page: `?page=abc` gives the first, past the end the last.
    page = Paginator(pages, 1).get_page(request.GET.get("page"))
    plans = page.object_list[0] if pages else []
    entries = contents(pages)
    first = next((e["index"] for e in entries if e["page"] == page.number), 1)
    context = {
        "docs": plan_documents(plans),
        "entries": entries,
        "page": page,
        "first_index": first,
        "year": year,
        "academic_year": academic_year_label(year),
        "years": _years(request.user),
    }
    return render(request, "plans/exports/consolidated.html", context)
