"""The plan's page: its table, the reviewers' comments and the workflow's steps.

Here rather than in plans.views because review's own views show it too (a step's form asked
for without JavaScript, or sent with errors).
"""

from django.shortcuts import render

from partners import policy
from plans import table_cache
from plans.models import Plan
from plans.review.comments import plan_comment_context
from plans.table import build_table, page_rows
from plans.table_html import render_lines


def plan_page(request, plan: Plan, transition_form=None):
    """The plan's page (the access check done by the caller), with `transition_form` open
    when a step of the workflow was asked for or sent with errors. In reading mode the
    table's lines come from `table_cache` while the plan and the registry are unchanged."""
    can_edit = policy.may_ever_edit_plan(request.user, plan)
    # The page opens as the clean table; ?mode=edit (a link, no JavaScript) is the editor.
    editing = can_edit and plan.is_editable and request.GET.get("mode") == "edit"
    context = {"plan": plan, "can_edit": can_edit, "editing": editing,
               "transition_form": transition_form}
    context.update(plan_comment_context(request, plan))
    if editing:
        context["lines"] = build_table(plan, rows=page_rows(plan))
    else:
        context["lines_html"] = table_cache.lines_html(plan, context, lambda: render_lines(
            context, build_table(plan, rows=page_rows(plan))))
    return render(request, "plans/plan_detail.html", context)
