"""The methodist's execution view (issue 12, item 4) and the activities behind its numbers.

Every role may open both; what they show is narrowed to the units the user sees
(``partners.policy`` through the coverage's ``selected_units``): methodists and administrators
see the whole institution, teachers their own units. The filters live in the URL.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from partners import policy
from plans.periods import month_name

from . import page, services, xlsx
from .filters import OVERDUE, STATUS_LABELS, DrillForm, OverviewFilter


def _filtered(request):
    overview_filter = OverviewFilter(request.GET, user=request.user)
    return overview_filter, overview_filter.params()


@login_required
def index(request):
    overview_filter, params = _filtered(request)
    overview = page.build(services.load(request.user, params))
    context = {
        "filter": overview_filter,
        "overview": overview,
        "params": params,
        "sees_all": policy.sees_all_units(request.user),
        "xlsx_url": params.url("overview:xlsx"),
    }
    return render(request, "execution/overview/index.html", context)


@login_required
def activities(request):
    """The activities behind a number of the view, with the state of each expected slot."""
    overview_filter, params = _filtered(request)
    drill_form = DrillForm(request.GET)
    status, month = drill_form.choice()
    loaded = services.load(request.user, params)
    lines = page.drill_lines(services.behind(loaded, status, month), month)
    context = {
        "filter": overview_filter,
        "drill_form": drill_form,
        "params": params,
        "loaded": loaded,
        "lines": lines,
        "status_label": STATUS_LABELS.get(status, ""),
        "month_label": month_name(month, capital=True) if month else "",
        "is_overdue": status == OVERDUE,
        "back_url": params.url("overview:index"),
    }
    return render(request, "execution/overview/activities.html", context)


@login_required
def export_xlsx(request):
    _overview_filter, params = _filtered(request)
    overview = page.build(services.load(request.user, params))
    response = HttpResponse(xlsx.workbook(overview), content_type=xlsx.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{xlsx.filename(params)}"'
    return response
