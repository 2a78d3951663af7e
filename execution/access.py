"""Object access for the execution of plans: return the object or refuse, first in every view.

As in plans.access: an object of a unit the user may not see is a 404 (its existence is not
revealed); recording on a visible object the user may not record on is a 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from partners import policy
from plans.access import get_plan
from plans.models import Activity

from .models import ActivityChange, Occurrence, OccurrenceFile

PLAN = "row__plan"


def _check(request, plan, record: bool) -> None:
    if not policy.may_see_execution(request.user, plan):
        raise PermissionDenied
    if record and not policy.may_record_execution(request.user, plan):
        raise PermissionDenied


def get_execution_plan(request, pk, *, record: bool = False):
    """A plan whose execution the user sees (else 404); with `record`, records on (else 403)."""
    plan = get_plan(request, pk)
    _check(request, plan, record)
    return plan


def get_activity(request, pk, *, record: bool = False) -> Activity:
    """An activity of a plan the user sees, with its plan, unit and partner."""
    activities = Activity.objects.select_related(
        "row__plan__unit__institution", "row__partner", "form"
    )
    activity = get_object_or_404(policy.scope(activities, request.user, f"{PLAN}__unit"), pk=pk)
    _check(request, activity.row.plan, record)
    return activity


def get_occurrence(request, pk, *, record: bool = False) -> Occurrence:
    occurrences = Occurrence.objects.select_related(
        "activity__row__plan__unit__institution", "activity__row__partner"
    )
    occurrence = get_object_or_404(
        policy.scope(occurrences, request.user, f"activity__{PLAN}__unit"), pk=pk
    )
    _check(request, occurrence.activity.row.plan, record)
    return occurrence


def get_change(request, pk, *, record: bool = False) -> ActivityChange:
    changes = ActivityChange.objects.select_related(
        "activity__row__plan__unit__institution", "activity__row__partner"
    )
    change = get_object_or_404(
        policy.scope(changes, request.user, f"activity__{PLAN}__unit"), pk=pk
    )
    _check(request, change.activity.row.plan, record)
    return change


def get_file(request, pk) -> OccurrenceFile:
    """A file of an occurrence the user may see (else 404)."""
    files = OccurrenceFile.objects.select_related("occurrence__activity__row__plan")
    found = get_object_or_404(
        policy.scope(files, request.user, f"occurrence__activity__{PLAN}__unit"), pk=pk
    )
    _check(request, found.occurrence.activity.row.plan, False)
    return found
