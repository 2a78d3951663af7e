"""The coverage page, its drill-down to activities, and its XLSX and PDF exports.

Teachers see the coverage of their own units; methodists and administrators see every unit.
The filters live in the URL, so each view (and each export) can be bookmarked and shared.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from partners import roles
from plans import access
from plans.coverage import build_coverage, matching_activities, untied_label
from plans.coverage_filters import ActivityQueryForm, CoverageFilter
from plans.exports.coverage import (
    coverage_pdf_bytes,
    coverage_xlsx_bytes,
    export_filename,
    gap_tiles,
)
from plans.models import academic_year_label
from plans.periods import month_name


def _filtered(request):
    coverage_filter = CoverageFilter(request.GET, user=request.user)
    return coverage_filter, coverage_filter.params()


@login_required
def coverage(request):
    coverage_filter, params = _filtered(request)
    report = build_coverage(request.user, params)
    context = {
        "filter": coverage_filter,
        "coverage": report,
        "tiles": gap_tiles(report),
        "can_comment": access.can_review(request.user),
        "sees_all": roles.sees_all_units(request.user),
        "xlsx_url": params.url("coverage:xlsx"),
        "pdf_url": params.url("coverage:pdf"),
    }
    return render(request, "coverage/coverage.html", context)


def _describe(query, params) -> list[str]:
    """The drill-down in words: «партнёр МБОУ СОШ № 4», «октябрь», «Один раз в квартал»."""
    parts = []
    if query.partner:
        parts.append(_("partner «%(name)s»") % {"name": query.partner.name})
    if query.month:
        parts.append(_("month: %(month)s") % {"month": month_name(query.month)})
    if query.period:
        parts.append(_("not tied to a month: %(period)s") % {"period": untied_label(query.period)})
    if params.units:
        parts.append(", ".join(u.name for u in params.units))
    if params.tier:
        from partners.models import Tier

        parts.append(str(Tier(params.tier).label))
    if params.category:
        parts.append(params.category.name)
    if params.no_direction:
        parts.append(_("no direction"))
    elif params.direction:
        parts.append(_("direction: %(name)s") % {"name": params.direction.name})
    return parts


@login_required
def coverage_activities(request):
    """The activities behind a cell of a matrix or a month of the coverage page."""
    coverage_filter, params = _filtered(request)
    query_form = ActivityQueryForm(request.GET)
    query = query_form.query()
    pairs = matching_activities(request.user, params, query)
    context = {
        "filter": coverage_filter,
        "params": params,
        "year_label": academic_year_label(params.year),
        "query_form": query_form,
        "pairs": pairs,
        "description": _describe(query, params),
        "back_url": params.url("coverage:index"),
    }
    return render(request, "coverage/activity_list.html", context)


@login_required
def coverage_xlsx(request):
    _filter, params = _filtered(request)
    report = build_coverage(request.user, params)
    response = HttpResponse(
        coverage_xlsx_bytes(report, base_url=request.build_absolute_uri("/").rstrip("/")),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename(report, "xlsx")}"'
    return response


@login_required
def coverage_pdf(request):
    _filter, params = _filtered(request)
    report = build_coverage(request.user, params)
    response = HttpResponse(coverage_pdf_bytes(request, report), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{export_filename(report, "pdf")}"'
    return response
