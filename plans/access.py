"""Object access for plans: return the object or refuse, called first in every view.

Objects of units the user may not see are a 404 (their existence is not revealed); a forbidden
action on a visible object is a 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from partners import roles
from plans.models import Activity, Plan, PlanRow


def can_edit_content(user, plan: Plan) -> bool:
    """Teachers of the plan's unit and administrators change a plan's rows and activities."""
    if roles.is_administrator(user):
        return True
    return roles.is_teacher(user) and plan.unit.members.filter(pk=user.pk).exists()


def can_review(user) -> bool:
    return roles.is_methodist(user) or roles.is_administrator(user)


def plan_queryset(user):
    return Plan.objects.visible_to(user).select_related(
        "unit", "unit__institution", "approved_by"
    )


def get_plan(request, pk, *, edit: bool = False) -> Plan:
    plan = get_object_or_404(plan_queryset(request.user), pk=pk)
    if edit and not can_edit_content(request.user, plan):
        raise PermissionDenied
    return plan


def get_row(request, plan: Plan, row_pk) -> PlanRow:
    return get_object_or_404(
        PlanRow.objects.select_related("partner", "partner__category"), pk=row_pk, plan=plan
    )


def get_activity(request, row: PlanRow, activity_pk) -> Activity:
    return get_object_or_404(Activity.objects.select_related("form"), pk=activity_pk, row=row)


def rows_with_activities(plan: Plan):
    """The plan's rows with everything the table prints, in a fixed number of queries."""
    return (
        plan.rows.select_related("partner", "partner__category")
        .prefetch_related(
            "directions",
            Prefetch("activities", queryset=Activity.objects.select_related("form")),
        )
        .order_by("order", "pk")
    )
