"""A plan's execution page: each row's activities with their slots, occurrences and actions."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from execution import access
from plans.models import Activity

from ..presenting import activity_views


@login_required
@require_GET
def plan_execution(request, pk):
    plan = access.get_execution_plan(request, pk)
    views = activity_views(
        Activity.objects.filter(row__plan=plan).order_by("row__order", "row__pk", "order", "pk"),
        request.user,
    )
    by_row: dict[int, list] = {}
    for view in views:
        by_row.setdefault(view.activity.row_id, []).append(view)
    rows = [
        (row, by_row.get(row.pk, []))
        for row in plan.rows.select_related("partner").order_by("order", "pk")
    ]
    context = {"plan": plan, "rows": rows, "may_record": any(v.may_record for v in views)}
    return render(request, "execution/recording/plan.html", context)
