"""The approval workflow's buttons: submit, approve, return, take back (plans.workflow)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from partners import roles
from plans import access, workflow
from plans.table import build_table


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    order_number = forms.CharField(
        label=gettext_lazy("Order number"),
        required=False,
        max_length=50,
        help_text=gettext_lazy("If the plan is approved by an order, e.g. «112-о»."),
    )

    def __init__(self, *args, action: workflow.Action, **kwargs):
        kwargs.setdefault("auto_id", f"id_{action.name}_%s")
        super().__init__(*args, **kwargs)
        self.action = action
        if action is not workflow.APPROVE:
            del self.fields["order_number"]
        if action.needs_comment:
            self.fields["comment"].required = True
            self.fields["comment"].error_messages["required"] = _(
                "Say what has to change: a comment is required."
            )
        else:
            self.fields["comment"].label = gettext_lazy("Comment (optional)")


def may_ever(user, plan, action: workflow.Action) -> bool:
    """Whether the user's role can take this step at all (else 403, not a state message)."""
    if action is workflow.SUBMIT:
        return access.can_edit_content(user, plan)
    if action is workflow.RETURN:
        return access.can_review(user)
    return roles.is_administrator(user)


def forms_for(user, plan, bound: TransitionForm | None = None) -> list[TransitionForm]:
    found = []
    for action in workflow.allowed_actions(user, plan):
        if bound is not None and bound.action is action:
            found.append(bound)
        else:
            found.append(TransitionForm(action=action))
    return found


@login_required
@require_POST
def plan_transition(request, pk, action):
    plan = access.get_plan(request, pk)
    step = workflow.ACTIONS.get(action)
    if step is None:
        raise Http404
    if not may_ever(request.user, plan, step):
        raise PermissionDenied
    if step not in workflow.allowed_actions(request.user, plan):
        messages.error(
            request,
            _("This step is not possible: the plan is «%(status)s».")
            % {"status": plan.get_status_display()},
        )
        return redirect(plan)
    form = TransitionForm(request.POST, action=step)
    if form.is_valid():
        try:
            plan = workflow.perform(
                plan,
                request.user,
                step.name,
                comment=form.cleaned_data["comment"],
                order_number=form.cleaned_data.get("order_number", ""),
            )
        except workflow.TransitionError as error:
            form.add_error("comment" if step.needs_comment else None, str(error))
        else:
            messages.success(
                request,
                _("Done: the plan is now «%(status)s».") % {"status": plan.get_status_display()},
            )
            return redirect(plan)
    context = {
        "plan": plan,
        "lines": build_table(plan),
        "can_edit": access.can_edit_content(request.user, plan),
        "transition_form": form,
    }
    return render(request, "plans/plan_detail.html", context)
