"""The approval workflow: draft → on review → approved, or back to draft with a comment.

Teachers of the unit (and administrators) submit a draft for review; while it is on review the
plan is read-only (`policy.may_edit_plan`), and its keepers may withdraw it to draft themselves;
administrators approve, confirming explicitly when remarks are still open; methodists and
administrators return a plan on review to draft with a comment; only an administrator takes an
approved plan back to draft, and that too is recorded with its reason. Each step is one
`PlanTransition` that names it; a comment is recorded only when someone wrote one.
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
    done: str  # what happened, as the histories tell it


SUBMIT = Action(
    "submit", gettext_lazy("Submit for review"), Status.REVIEW, False,
    gettext_lazy("Submitted for review"),
)
WITHDRAW = Action(
    "withdraw", gettext_lazy("Withdraw from review"), Status.DRAFT, False,
    gettext_lazy("Withdrawn from review"),
)
APPROVE = Action(
    "approve", gettext_lazy("Approve"), Status.APPROVED, False, gettext_lazy("Approved")
)
RETURN = Action(
    "return", gettext_lazy("Return for revision"), Status.DRAFT, True,
    gettext_lazy("Returned for revision"),
)
REOPEN = Action(
    "reopen", gettext_lazy("Take back to draft"), Status.DRAFT, True,
    gettext_lazy("Taken back to draft"),
)
ACTIONS = {a.name: a for a in [SUBMIT, WITHDRAW, APPROVE, RETURN, REOPEN]}


# Who may take each step, asked of the policy.
PERMITS = {
    "submit": policy.may_submit,
    "withdraw": policy.may_withdraw,
    "approve": policy.may_approve,
    "return": policy.may_return,
    "reopen": policy.may_reopen,
}


def allowed_actions(user, plan: Plan) -> list[Action]:
    """The steps this user may take on this plan now, in the order the page shows them."""
    return [action for action in ACTIONS.values() if PERMITS[action.name](user, plan)]


# The step a transition recorded before transitions named their step, by its statuses.
_STEP_BY_STATUSES = {
    (Status.DRAFT, Status.REVIEW): SUBMIT,
    (Status.REVIEW, Status.APPROVED): APPROVE,
    (Status.REVIEW, Status.DRAFT): RETURN,
    (Status.APPROVED, Status.DRAFT): REOPEN,
}


def step_of(transition: PlanTransition) -> Action | None:
    """The step a recorded transition took."""
    return ACTIONS.get(transition.action) or _STEP_BY_STATUSES.get(
        (transition.from_status, transition.to_status)
    )


def open_remarks(plan: Plan):
    """The reviewers' remarks on the plan that nobody has resolved yet."""
    return plan.comments.filter(resolved_at__isnull=True).select_related("row__partner")


def _check(plan: Plan, user, action: Action | None, comment: str, confirmed: bool) -> None:
    if action is None or action not in allowed_actions(user, plan):
        raise TransitionError(
            _("This step is not possible: the plan is «%(status)s».")
            % {"status": plan.get_status_display()}
        )
    if action.needs_comment and not comment:
        raise TransitionError(_("Say what has to change: a comment is required."))
    if action is APPROVE and not confirmed and open_remarks(plan).exists():
        raise TransitionError(
            _("The plan still has open remarks: confirm that you approve it with them, or "
              "return it for revision.")
        )


@transaction.atomic
def perform(
    plan: Plan, user, action_name: str, comment: str = "", order_number: str = "",
    confirmed: bool = False,
) -> Plan:
    """Take a step of the workflow, or raise TransitionError with a message for the user.

    Approving a plan with open remarks needs `confirmed` (the approver saw the list)."""
    # Lock the plan so two reviewers cannot step it twice from the same state.
    plan = Plan.objects.select_for_update(of=("self",)).select_related("unit").get(pk=plan.pk)
    action = ACTIONS.get(action_name)
    comment = comment.strip()
    _check(plan, user, action, comment, confirmed)
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
    plan.save()
    PlanTransition.objects.create(
        plan=plan, from_status=previous, to_status=plan.status, action=action.name, by=user,
        at=now, comment=comment,
    )
    return plan
