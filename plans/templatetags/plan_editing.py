"""Template helpers of the plan editor."""

from django import template

from plans.editing import approved_message as _approved_message

register = template.Library()


def annotate_moves(lines) -> None:
    """Mark each row line `first_in_group` / `last_in_group` (rows move only within the group
    they are printed in: the internal rows, or one category of external partners)."""
    rows = [line for line in lines if not line.is_heading]

    def group(line):
        category = line.row.partner.category
        return "internal" if category.is_internal else category.pk

    for index, line in enumerate(rows):
        before = rows[index - 1] if index else None
        after = rows[index + 1] if index + 1 < len(rows) else None
        line.first_in_group = before is None or group(before) != group(line)
        line.last_in_group = after is None or group(after) != group(line)


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
    from plans.edit_views import row_editor

    plan = context["plan"]
    form = context.get("add_form")
    if form is None:
        from plans.forms import RowForm

        form = RowForm(plan=plan, auto_id="add-%s")
    editor = row_editor(plan, form, inline=True)
    return {"plan": plan, "editor": editor, "form": form, "csrf_token": context.get("csrf_token"),
            "request": context.get("request")}
