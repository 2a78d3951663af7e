"""Review comments: a methodist (or an administrator) comments on a plan or on one of its rows.

A comment stays open until it is resolved by a reviewer or by a teacher of the plan's unit.
Returning a plan on review for revision goes through the approval workflow
(`plans.workflow.perform(plan, user, "return", comment=...)`), with the comment as its reason.
"""

from collections import Counter

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from partners import roles
from plans import access, workflow
from plans.coverage import open_comments
from plans.models import Comment, Plan
from plans.table import build_table


def can_comment(user) -> bool:
    """Methodists and administrators leave review comments."""
    return access.can_review(user)


def can_resolve(user, plan: Plan) -> bool:
    """Reviewers, and the teachers of the plan's unit, resolve comments."""
    if access.can_review(user):
        return True
    return roles.is_teacher(user) and plan.unit.members.filter(pk=user.pk).exists()


def can_return(user, plan: Plan) -> bool:
    return plan.status == Plan.Status.REVIEW and workflow.RETURN in workflow.allowed_actions(
        user, plan
    )


def row_choices(lines) -> list[tuple[int, str]]:
    return [
        (line.row.pk, f"{line.number}. {line.row.partner.name}")
        for line in lines
        if not line.is_heading
    ]


class CommentForm(forms.Form):
    row = forms.TypedChoiceField(
        label=pgettext_lazy("review", "Concerns"), coerce=int, required=False, empty_value=None
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


def _initial_row(request, rows) -> int | None:
    try:
        wanted = int(request.GET.get("comment_row", ""))
    except ValueError:
        return None
    return wanted if any(pk == wanted for pk, _label in rows) else None


def plan_comment_context(request, plan: Plan, lines, form: CommentForm | None = None) -> dict:
    """What the plan page needs for its comments, in a fixed number of queries.

    `lines` are the plan's table lines (`build_table`), so the row choices cost no query.
    """
    user = request.user
    comments = open_comments(plan)
    counts = Counter(c.row_id for c in comments if c.row_id)
    first: dict[int, int] = {}
    for comment in reversed(comments):  # newest first: keep the oldest per row
        if comment.row_id:
            first[comment.row_id] = comment.pk
    commenting = can_comment(user)
    if commenting and form is None:
        rows = row_choices(lines)
        initial_row = _initial_row(request, rows)
        form = CommentForm(
            rows=rows, allow_return=can_return(user, plan), initial={"row": initial_row}
        )
        form_open = initial_row is not None
    else:
        form_open = form is not None and form.is_bound
    return {
        "comments": comments,
        "comment_counts": dict(counts),
        "first_comment": first,
        "can_comment": commenting,
        "can_resolve": bool(comments) and can_resolve(user, plan),
        "comment_form": form if commenting else None,
        "comment_form_open": form_open,
    }


def _back_to_plan(plan: Plan, anchor: str = "comments"):
    return redirect(f"{plan.get_absolute_url()}#{anchor}")


def _render_comments(request, plan: Plan, form=None, notice=""):
    """The comments block alone, for htmx; a notice stands in for the flash message."""
    lines = build_table(plan)
    context = {
        "plan": plan,
        "comment_notice": notice,
        **plan_comment_context(request, plan, lines, form=form),
    }
    return render(request, "plans/_plan_comments.html", context)


def _done(request, plan: Plan, text: str, anchor: str = "comments"):
    if request.htmx:
        return _render_comments(request, plan, notice=text)
    messages.success(request, text)
    return _back_to_plan(plan, anchor)


def _all_comments(plan: Plan):
    return plan.comments.select_related("author", "resolved_by", "row", "row__partner")


@login_required
def comment_list(request, pk):
    """Every comment of a plan, open and resolved, and the form for reviewers."""
    plan = access.get_plan(request, pk)
    lines = build_table(plan)
    context = {
        "plan": plan,
        "all_comments": _all_comments(plan),
        **plan_comment_context(request, plan, lines),
    }
    context["can_resolve"] = can_resolve(request.user, plan)
    return render(request, "plans/comment_list.html", context)


@login_required
@require_POST
def comment_add(request, pk):
    plan = access.get_plan(request, pk)
    if not can_comment(request.user):
        raise PermissionDenied
    lines = build_table(plan)
    form = CommentForm(
        request.POST, rows=row_choices(lines), allow_return=can_return(request.user, plan)
    )
    if form.is_valid():
        returning = form.cleaned_data.get("return_for_revision", False)
        try:
            with transaction.atomic():
                comment = Comment.objects.create(
                    plan=plan,
                    row_id=form.cleaned_data["row"],
                    author=request.user,
                    text=form.cleaned_data["text"],
                )
                if returning:
                    workflow.perform(plan, request.user, "return", comment=comment.text)
        except workflow.TransitionError as error:
            form.add_error("return_for_revision", str(error))
        else:
            if returning:
                # The status changes the whole page (header, actions): load it anew.
                messages.success(request, _("The plan was returned for revision."))
                if request.htmx:
                    return HttpResponseClientRedirect(f"{plan.get_absolute_url()}#comments")
                return _back_to_plan(plan, f"comment-{comment.pk}")
            return _done(request, plan, _("The comment was added."), f"comment-{comment.pk}")
    if request.htmx:
        return _render_comments(request, plan, form=form)
    context = {
        "plan": plan,
        "all_comments": _all_comments(plan),
        **plan_comment_context(request, plan, lines, form=form),
    }
    return render(request, "plans/comment_list.html", context)


@login_required
@require_POST
def comment_resolve(request, pk, comment_pk):
    plan = access.get_plan(request, pk)
    comment = get_object_or_404(Comment, pk=comment_pk, plan=plan)
    if not can_resolve(request.user, plan):
        raise PermissionDenied
    if not comment.is_open:
        return _done(request, plan, _("The comment had already been resolved."))
    comment.resolved_at = timezone.now()
    comment.resolved_by = request.user
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return _done(request, plan, _("The comment was resolved."))
