"""The review pages: the coverage, comments on a plan, and the approval workflow's buttons.

Every view starts with an access helper that returns what it works on or refuses: objects of
units the user may not see are a 404 (`plans.access`), a step the user's role never takes is a
403; the rights themselves are asked of `partners.policy` and `plans.workflow`.
The coverage's filters live in the URL, so each view (and each export) can be bookmarked.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from partners import inputs, policy
from plans import access, workflow
from plans.models import Comment, Plan, academic_year_label
from plans.review.comments import (
    all_comments,
    comment_form,
    initial_row,
    plan_comment_context,
)
from plans.review.coverage import (
    REGULAR_MARK,
    build_coverage,
    describe,
    first_actions,
    gap_tiles,
    matching_activities,
    selected_units,
    unplanned_queryset,
)
from plans.review.filters import ActivityQueryForm, CoverageFilter
from plans.review.forms import Step, TransitionForm, transition_form
from plans.review.page import plan_page
from plans.table import build_table

# --------------------------------------------------------------------------- coverage

LIST_LIMIT = 20  # the page lists at most this many of a list that grows with the registry
UNPLANNED_PAGE = 100  # partners in no plan on a page of their full list


def _filtered(request):
    coverage_filter = CoverageFilter(request.GET, user=request.user)
    return coverage_filter, coverage_filter.params()


@login_required
def coverage(request):
    coverage_filter, params = _filtered(request)
    report = build_coverage(request.user, params, list_limit=LIST_LIMIT)
    context = {
        "filter": coverage_filter,
        "coverage": report,
        "tiles": gap_tiles(report),
        "actions": first_actions(report),
        "regular_mark": REGULAR_MARK,
        "can_comment": policy.may_review(request.user),
        "sees_all": policy.sees_all_units(request.user),
        "xlsx_url": params.url("coverage:xlsx"),
        "pdf_url": params.url("coverage:pdf"),
        "unplanned_url": params.url("coverage:unplanned"),
    }
    return render(request, "coverage/coverage.html", context)


@login_required
def coverage_unplanned(request):
    """Every registry partner in no plan of the year (under the filters), a page at a time."""
    coverage_filter, params = _filtered(request)
    partners = unplanned_queryset(selected_units(request.user, params), params)
    page = Paginator(partners, UNPLANNED_PAGE).get_page(request.GET.get("page"))
    context = {
        "filter": coverage_filter,
        "year_label": academic_year_label(params.year),
        "page": page,
        "back_url": params.url("coverage:index"),
    }
    return render(request, "coverage/unplanned_list.html", context)


@login_required
def coverage_activities(request):
    """The activities behind a cell of a matrix or a month of the coverage page."""
    coverage_filter, params = _filtered(request)
    query_form = ActivityQueryForm(request.GET)
    query = query_form.query()
    context = {
        "filter": coverage_filter,
        "params": params,
        "year_label": academic_year_label(params.year),
        "query_form": query_form,
        "pairs": matching_activities(request.user, params, query),
        "description": describe(query, params),
        "back_url": params.url("coverage:index"),
    }
    return render(request, "coverage/activity_list.html", context)


# --------------------------------------------------------------------------- comments


def _plan_to_comment(request, pk) -> Plan:
    plan = access.get_plan(request, pk)
    if not policy.may_comment(request.user, plan):
        raise PermissionDenied
    return plan


def _comment_to_resolve(request, pk, comment_pk) -> tuple[Plan, Comment]:
    plan = access.get_plan(request, pk)
    comment = get_object_or_404(Comment, pk=comment_pk, plan=plan)
    if not policy.may_resolve_comments(request.user, plan):
        raise PermissionDenied
    return plan, comment


def _back_to_plan(plan: Plan, anchor: str = "comments"):
    return redirect(f"{plan.get_absolute_url()}#{anchor}")


def _render_comments(request, plan: Plan, form=None, notice=""):
    """The comments block alone, for htmx; a notice stands in for the flash message."""
    context = {
        "plan": plan,
        "comment_notice": notice,
        **plan_comment_context(request, plan, form=form),
    }
    return render(request, "plans/review/_plan_comments.html", context)


def _render_comment_list(request, plan: Plan, lines, form=None):
    context = {
        "plan": plan,
        "all_comments": all_comments(plan),
        **plan_comment_context(request, plan, lines, form=form, with_form=True),
    }
    if form is None:  # the list page offers «resolve» even when no comment is open
        context["can_resolve"] = policy.may_resolve_comments(request.user, plan)
    return render(request, "plans/review/comment_list.html", context)


def _done(request, plan: Plan, text: str, anchor: str = "comments"):
    if request.htmx:
        return _render_comments(request, plan, notice=text)
    messages.success(request, text)
    return _back_to_plan(plan, anchor)


@login_required
def comment_list(request, pk):
    """Every comment of a plan, open and resolved, and the form for reviewers."""
    plan = access.get_plan(request, pk)
    return _render_comment_list(request, plan, build_table(plan))


@transaction.atomic
def _save_comment(user, plan: Plan, data: dict) -> Comment:
    """The comment, and the plan returned for revision with it as the reason if asked."""
    comment = Comment.objects.create(plan=plan, row_id=data["row"], author=user, text=data["text"])
    if data.get("return_for_revision"):
        workflow.perform(plan, user, "return", comment=comment.text)
    return comment


def _after_return(request, plan: Plan, comment: Comment):
    """The status changes the whole page (header, actions): load it anew."""
    messages.success(request, _("The plan was returned for revision."))
    if request.htmx:
        return HttpResponseClientRedirect(f"{plan.get_absolute_url()}#comments")
    return _back_to_plan(plan, f"comment-{comment.pk}")


def _asked_form_url(request, plan: Plan) -> str:
    """The plan's page with the comment form open (on the row asked for, if any)."""
    wanted = inputs.parse_id(request.GET.get("comment_row", ""))
    asked = f"comment_row={wanted}" if wanted else "comment=1"
    return f"{plan.get_absolute_url()}?{asked}#comment-form"


@login_required
@require_http_methods(["GET", "POST"])
def comment_add(request, pk):
    """The comment form (GET: the form alone for htmx, else the plan's page with it open) and
    a new comment (POST)."""
    plan = _plan_to_comment(request, pk)
    if request.method == "GET" and not request.htmx:
        return redirect(_asked_form_url(request, plan))
    lines = build_table(plan)  # the rows to choose from
    if request.method == "GET":  # a row's «+ comment» names its row (`comment_row`)
        row = initial_row(request, lines)
        form = comment_form(request.user, plan, lines, initial={"row": row})
        if row:  # the row is chosen: the text is what is left to write
            form.fields["text"].widget.attrs["autofocus"] = True
        context = {"plan": plan, "comment_form": form, "loaded": not row}
        return render(request, "plans/review/_comment_form.html", context)
    form = comment_form(request.user, plan, lines, data=request.POST)
    if form.is_valid():
        try:
            comment = _save_comment(request.user, plan, form.cleaned_data)
        except workflow.TransitionError as error:
            form.add_error("return_for_revision", str(error))
        else:
            if form.cleaned_data.get("return_for_revision"):
                return _after_return(request, plan, comment)
            return _done(request, plan, _("The comment was added."), f"comment-{comment.pk}")
    if request.htmx:
        return _render_comments(request, plan, form=form)
    return _render_comment_list(request, plan, lines, form=form)


@login_required
@require_POST
def comment_resolve(request, pk, comment_pk):
    plan, comment = _comment_to_resolve(request, pk, comment_pk)
    if not comment.is_open:
        return _done(request, plan, _("The comment had already been resolved."))
    comment.resolved_at = timezone.now()
    comment.resolved_by = request.user
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return _done(request, plan, _("The comment was resolved."))


# --------------------------------------------------------------------------- workflow


def _role_takes(user, plan: Plan, step: workflow.Action) -> bool:
    """Whether the workflow offers this step to the user in some status of the plan.

    If not, the user's role never takes it (403); if so but not now, the plan's status is in
    the way (a message)."""
    for status in Plan.Status.values:
        probe = copy.copy(plan)
        probe.status = status
        if step in workflow.allowed_actions(user, probe):
            return True
    return False


def _plan_and_step(request, pk, action) -> tuple[Plan, workflow.Action]:
    plan = access.get_plan(request, pk)
    step = workflow.ACTIONS.get(action)
    if step is None:
        raise Http404
    if not _role_takes(request.user, plan, step):
        raise PermissionDenied
    return plan, step


def _perform(request, plan: Plan, form: TransitionForm):
    """Take the step of a valid form: the plan after it, or None with the error on the form."""
    try:
        return workflow.perform(
            plan,
            request.user,
            form.action.name,
            comment=form.cleaned_data["comment"],
            order_number=form.cleaned_data.get("order_number", ""),
            confirmed=form.cleaned_data.get("confirm", False),
        )
    except workflow.TransitionError as error:
        form.add_error("comment" if form.action.needs_comment else None, str(error))
        return None


def _step_refused(request, plan: Plan):
    """The step is not open to the plan's status now (changed since the page was loaded)."""
    messages.error(
        request,
        _("This step is not possible: the plan is «%(status)s».")
        % {"status": plan.get_status_display()},
    )
    if request.htmx:
        return HttpResponseClientRedirect(plan.get_absolute_url())
    return redirect(plan)


@login_required
@require_http_methods(["GET", "POST"])
def plan_transition(request, pk, action):
    """A step's form (GET: the form alone for htmx, else the plan's page with it open) and the
    step itself (POST: done, or the plan's page with the form and its errors)."""
    plan, step = _plan_and_step(request, pk, action)
    if step not in workflow.allowed_actions(request.user, plan):
        return _step_refused(request, plan)
    form = transition_form(plan, step, request.POST if request.method == "POST" else None)
    if request.method == "GET" and request.htmx:
        context = {"plan": plan, "form": form, "step": Step(step, form), "loaded": True}
        return render(request, "plans/review/_workflow_form.html", context)
    done = _perform(request, plan, form) if form.is_bound and form.is_valid() else None
    if done is not None:
        status = done.get_status_display()
        messages.success(request, _("Done: the plan is now «%(status)s».") % {"status": status})
        return redirect(done)
    return plan_page(request, plan, transition_form=form)
