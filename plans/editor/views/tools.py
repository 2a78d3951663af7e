"""A row's or an activity's actions menu, rendered when it is opened.

The plan page in edit mode carries one small «actions» link per row and per activity. Without
JavaScript the link opens the actions as a page of their own; with it plan_edit.js asks for the
same URL with htmx and puts the opened menu in the link's place. Either way the menu is
`_row_tools.html` or `_activity_tools.html`, as it was when every row carried it.
"""

from dataclasses import dataclass, field

from django.shortcuts import render

from plans.editor.services import row_group
from plans.editor.views.prelude import editor_view
from plans.editor.views.respond import base_context, events
from plans.models import Activity, PlanRow
from plans.table import ordered_rows


@dataclass
class ToolsLine:
    """What the menus need of the row's table line (`plans.table.TableLine`)."""

    row: PlanRow
    activities: list[Activity] = field(default_factory=list)
    first_in_group: bool = True
    last_in_group: bool = True


def row_line(plan, row) -> ToolsLine:
    """The row with its place in its printed group (rows move only within it)."""
    rows = ordered_rows(PlanRow.objects.filter(plan=plan).select_related("partner__category"))
    group = row_group(rows, next(r for r in rows if r.pk == row.pk))
    first, last = group[0].pk == row.pk, group[-1].pk == row.pk
    return ToolsLine(row, first_in_group=first, last_in_group=last)


def _menu(request, target, template, context, focus, *, in_place=None):
    """htmx: the opened menu (`in_place`, if given, wraps it for the link it replaces);
    otherwise the page of the actions."""
    context = base_context(request, target.plan) | context | {"open": True}
    if request.htmx:
        response = render(request, in_place or template, context)
        return events(response, focus=focus)
    context |= {"menu_template": template, "row": target.row}
    return render(request, "plans/edit/tools_page.html", context)


@editor_view(methods=["GET"])
def row_tools(request, target):
    line = row_line(target.plan, target.row)
    title = str(target.row.partner)
    return _menu(request, target, "plans/edit/_row_tools.html",
                 {"line": line, "title": title}, f"edit-row-{target.row.pk}")


@editor_view(methods=["GET"])
def activity_tools(request, target):
    line = ToolsLine(target.row, activities=list(target.row.activities.only("pk", "order")))
    context = {"line": line, "activity": target.activity, "title": target.activity.title}
    # In place, the menu comes with the title its link carried.
    return _menu(request, target, "plans/edit/_activity_tools.html", context,
                 f"edit-activity-{target.activity.pk}", in_place="plans/edit/_activity_menu.html")
