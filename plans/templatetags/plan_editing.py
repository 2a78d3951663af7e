"""Template helpers of the plan editor (the work is done in `plans.editor`)."""

from django import template

from plans.editor.forms import RowForm
from plans.editor.panels import edit_url as _edit_url
from plans.editor.panels import row_editor
from plans.editor.services import approved_message as _approved_message

register = template.Library()


@register.filter
def edit_url(plan):
    """The plan's page in edit mode ("" without a plan, as `plan.get_absolute_url` would be)."""
    return _edit_url(plan) if plan else ""


@register.filter
def approved_message(plan):
    return _approved_message(plan)


@register.inclusion_tag("plans/edit/_row_add.html", takes_context=True)
def row_add_panel(context):
    """The «add a partner» form under the table (a bound one after an htmx error)."""
    plan = context["plan"]
    form = context.get("add_form")
    if form is None:
        form = RowForm(plan=plan, auto_id="add-%s")
    editor = row_editor(plan, form, inline=True)
    return {"plan": plan, "editor": editor, "form": form, "csrf_token": context.get("csrf_token"),
            "request": context.get("request")}
