"""Template helpers of the plan editor (the work is done in `plans.editor`)."""

from django import template

from plans.editor.forms import RowForm
from plans.editor.panels import annotate_moves, row_editor
from plans.editor.services import approved_message as _approved_message

register = template.Library()


@register.simple_tag
def mark_moves(lines):
    annotate_moves(lines)
    return ""


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
