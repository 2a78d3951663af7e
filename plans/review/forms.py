"""The forms of review: a comment on a plan, and a step of the approval workflow."""

from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from plans import workflow
from plans.widgets import FastSelect


class CommentForm(forms.Form):
    row = forms.TypedChoiceField(
        label=pgettext_lazy("review", "Concerns"), coerce=int, required=False, empty_value=None,
        widget=FastSelect,  # one option per row of the plan: thousands in a large one
    )
    text = forms.CharField(
        label=pgettext_lazy("review", "Comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What should the teacher change or add?"),
    )
    return_for_revision = forms.BooleanField(
        label=gettext_lazy("Return the plan for revision"),
        required=False,
        help_text=gettext_lazy("The plan goes back to draft with this comment as the reason."),
    )

    def __init__(self, *args, rows, allow_return, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["row"].choices = [("", gettext_lazy("The plan as a whole"))] + rows
        if not allow_return:
            del self.fields["return_for_revision"]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write what the comment is about."))
        return text


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

    confirm = forms.BooleanField(
        label=gettext_lazy("I have read the open remarks and approve the plan with them"),
        required=True,
        error_messages={"required": gettext_lazy(
            "The plan still has open remarks: confirm that you approve it with them, or "
            "return it for revision."
        )},
    )

    def __init__(self, *args, action: workflow.Action, remarks=(), **kwargs):
        kwargs.setdefault("auto_id", f"id_{action.name}_%s")
        super().__init__(*args, **kwargs)
        self.action = action
        # The open remarks an approver confirms approving over (listed above the checkbox).
        self.remarks = list(remarks) if action is workflow.APPROVE else []
        if not self.remarks:
            del self.fields["confirm"]
        if action is not workflow.APPROVE:
            del self.fields["order_number"]
        if action.needs_comment:
            self.fields["comment"].required = True
            self.fields["comment"].error_messages["required"] = _(
                "Say what has to change: a comment is required."
            )
        else:
            self.fields["comment"].label = gettext_lazy("Comment (optional)")


# The buttons of each step: the one that opens its form, the one that sends it.
BUTTONS = {
    "approve": ("btn-success", "btn-success"),
    "return": ("btn-warning", "btn-warning"),
    "reopen": ("btn-outline-danger", "btn-danger"),
    "withdraw": ("btn-outline-secondary", "btn-secondary"),
}
DEFAULT_BUTTONS = ("btn-primary", "btn-primary")


@dataclass
class Step:
    """A step the user may take on the plan now, as the page offers it: its form when the page
    shows it open (asked for, or sent with errors), else None: a link loads the form."""

    action: workflow.Action
    form: TransitionForm | None = None

    @property
    def opener(self) -> str:
        return BUTTONS.get(self.action.name, DEFAULT_BUTTONS)[0]

    @property
    def sender(self) -> str:
        return BUTTONS.get(self.action.name, DEFAULT_BUTTONS)[1]


def transition_form(plan, action: workflow.Action, data=None) -> TransitionForm:
    """The form of a step; an approval lists the plan's open remarks above its checkbox."""
    remarks = workflow.open_remarks(plan) if action is workflow.APPROVE else ()
    return TransitionForm(data, action=action, remarks=remarks)


def steps_for(user, plan, shown: TransitionForm | None = None) -> list[Step]:
    """The steps the user may take on the plan now, with `shown` (a form the page shows open)
    in its place. The other forms are not built: the page loads one when it is opened."""
    return [Step(action, shown if shown is not None and shown.action is action else None)
            for action in workflow.allowed_actions(user, plan)]
