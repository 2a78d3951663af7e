"""The plan page's table lines, rendered by `plans.table_html` (the one place a row is drawn)."""

from django import template

from plans.table_html import render_line, render_lines

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_lines(context, lines):
    """Every line of the table, with the editor's row under the row it edits (after a row is
    added, the table comes back with its first activity's form open)."""
    editor = context.get("editor")
    row_pk = editor.get("row_pk") if editor else None
    if row_pk is None:
        return render_lines(context, lines)
    return render_lines(context, lines, {row_pk: _render(context, "plans/edit/_editor_row.html")})


@register.simple_tag(takes_context=True)
def plan_line(context, line):
    """One line, with the row's notice and editor rows when the view asks for them."""
    extra = ""
    notice_row = context.get("notice_row")
    if notice_row:
        extra += _render(context, "plans/edit/_notice_row.html")
    editor = context.get("editor")
    if editor and line.row is not None and editor.get("row_pk") == line.row.pk:
        extra += _render(context, "plans/edit/_editor_row.html")
    return render_line(context, line, extra)


def _render(context, name: str) -> str:
    with context.push():
        return context.template.engine.get_template(name).render(context)
