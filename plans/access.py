"""Object access for plans: return the object or refuse, called first in every view.

Objects of units the user may not see are a 404 (their existence is not revealed); a forbidden
action on a visible object is a 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partners import policy
from plans.models import Activity, Plan, PlanRow


def plan_queryset(user):
    """The plans of the units the user sees, with what their pages print."""
    return policy.scope(Plan.objects.all(), user).select_related(
        "unit", "unit__institution", "approved_by"
    )


def get_plan(request, pk, *, edit: bool = False) -> Plan:
    """A plan the user sees (else 404); with `edit`, one whose content they keep (else 403).

    `edit` asks whether the user's role lets them edit this plan at all; whether its status
    allows a change now is `policy.may_edit_plan`, asked by the editor and the model guard.
    """
    plan = get_object_or_404(plan_queryset(request.user), pk=pk)
    if edit and not policy.may_ever_edit_plan(request.user, plan):
        raise PermissionDenied
    return plan


def get_row(request, plan: Plan, row_pk) -> PlanRow:
    return get_object_or_404(
        PlanRow.objects.select_related("partner", "partner__category"), pk=row_pk, plan=plan
    )


def get_activity(request, row: PlanRow, activity_pk) -> Activity:
    return get_object_or_404(Activity.objects.select_related("form"), pk=activity_pk, row=row)
