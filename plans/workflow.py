"""The approval workflow: draft → on review → approved, or back to draft with a comment.

Teachers of the unit (and administrators) submit a draft for review; administrators approve;
methodists and administrators return a plan on review to draft with a comment; only an
administrator takes an approved plan back to draft, and that too is recorded with its reason.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partners import policy
from plans.models import Plan, PlanTransition

Status = Plan.Status


class TransitionError(Exception):
    """A step that this user may not take on this plan now; the message is for the user."""


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    target: str
    needs_comment: bool


SUBMIT = Action("submit", gettext_lazy("Submit for review"), Status.REVIEW, False)
APPROVE = Action("approve", gettext_lazy("Approve"), Status.APPROVED, False)
RETURN = Action("return", gettext_lazy("Return for revision"), Status.DRAFT, True)
REOPEN = Action("reopen", gettext_lazy("Take back to draft"), Status.DRAFT, True)
ACTIONS = {a.name: a for a in [SUBMIT, APPROVE, RETURN, REOPEN]}


# Who may take each step, asked of the policy.
PERMITS = {
    "submit": policy.may_submit,
    "approve": policy.may_approve,
    "return": policy.may_return,
    "reopen": policy.may_reopen,
}


def allowed_actions(user, plan: Plan) -> list[Action]:
    """The steps this user may take on this plan now, in the order the page shows them."""
    return [action for action in ACTIONS.values() if PERMITS[action.name](user, plan)]


@transaction.atomic
def perform(plan: Plan, user, action_name: str, comment: str = "", order_number: str = "") -> Plan:
    """Take a step of the workflow, or raise TransitionError with a message for the user."""
    # Lock the plan so two reviewers cannot step it twice from the same state.
    plan = Plan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=plan.pk)
    action = ACTIONS.get(action_name)
    if action is None or action not in allowed_actions(user, plan):
        raise TransitionError(
            _("This step is not possible: the plan is «%(status)s».")
            % {"status": plan.get_status_display()}
        )
    comment = comment.strip()
    if action.needs_comment and not comment:
        raise TransitionError(_("Say what has to change: a comment is required."))
    previous = plan.status
    plan.status = action.target
    now = timezone.now()
    if action is SUBMIT:
        plan.submitted_at = now
    elif action is APPROVE:
        plan.approved_by = user
        plan.approved_at = timezone.localdate()
        plan.approval_order = order_number.strip()[:50]
    else:
        plan.approved_by = None
        plan.approved_at = None
        plan.approval_order = ""
    plan._change_reason = comment or str(action.label)
    plan.save()
    PlanTransition.objects.create(
        plan=plan, from_status=previous, to_status=plan.status, by=user, at=now, comment=comment
    )
    return plan
