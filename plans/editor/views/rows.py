"""A plan's rows: add, edit, show, delete.

Every action is a real page and a POST that redirects back to the row; with htmx the same views
answer with the row (or the table) rendered by `_plan_table.html` (see `respond`).
"""

from django.contrib import messages
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from plans.editor import services
from plans.editor.forms import ActivityForm, RowForm, initial_for_row
from plans.editor.history import row_label
from plans.editor.panels import activity_editor, row_conflict, row_editor
from plans.editor.services import Conflict, EditRefused
from plans.editor.views.partners import chosen_notice, row_intent
from plans.editor.views.prelude import editor_view
from plans.editor.views.respond import (
    Back,
    EditorPage,
    Line,
    Table,
    focus_id,
    posted,
    refuse,
    respond,
)

# --------------------------------------------------------------------------- a new row


def _show_add_form(request, target, form, *, notice=""):
    """The «add a partner» form again: under the table (htmx) or as a page."""
    fragment = Table(target.plan, add_form=form, focus=focus_id(form), notice=notice)
    return respond(request, fragment, EditorPage(target.plan, row_editor(target.plan, form)))


@editor_view()
def row_add(request, target):
    plan = target.plan
    form = RowForm(posted(request), plan=plan, auto_id="add-%s")
    if request.method != "POST":
        return _show_add_form(request, target, form)
    shown = row_intent(request, form, plan, None)
    if shown is not None:
        return _show_add_form(request, target, shown, notice=chosen_notice(shown))
    if form.is_valid():
        data = form.cleaned_data
        try:
            row = services.with_partner(data, user=request.user, save=lambda partner: (
                services.add_row(
                    plan, partner=partner, characteristic=data["characteristic"],
                    directions=data["directions"], user=request.user,
                )
            ))
        except EditRefused as refused:
            if refused.field is None:
                return refuse(request, plan, refused.message)
            form.add_error(refused.field, refused.message)
        else:
            return _row_added(request, target, row)
    return _show_add_form(request, target, form)


def _row_added(request, target, row):
    """With htmx, straight on to the row's first activity; without, back to the row."""
    text = _("«%(partner)s» is added to the plan.") % {"partner": row.partner}
    editor = activity_editor(target.plan, row, ActivityForm(auto_id=f"row{row.pk}-new-%s"))
    fragment = Table(target.plan, editor=editor, focus=f"row{row.pk}-new-title", notice=text)
    return respond(request, fragment, Back(target.url(f"row-{row.pk}"), text))


# --------------------------------------------------------------------------- a row


@editor_view(edit=False, methods=["GET"])
def row_fragment(request, target):
    """The row as the table shows it (htmx «Cancel»); without htmx, the plan at the row."""
    focus = request.GET.get("focus", "")[:60]
    return respond(request, Line(target.plan, target.row.pk, focus=focus), Back(target.row_url))


def _show_row_editor(request, target, form, *, row=None, conflict=None, notice=""):
    """The row's editor: in the row (htmx) or as a page."""
    row = row or target.row
    editor = row_editor(target.plan, form, row=row, conflict=conflict)
    focus = f"conflict-row-{row.pk}" if conflict else focus_id(form)
    fragment = Line(target.plan, row.pk, editor=editor, focus=focus, notice=notice)
    return respond(request, fragment, EditorPage(target.plan, editor))


@editor_view()
def row_edit(request, target):
    plan, row = target.plan, target.row
    auto_id = f"row{row.pk}-%s"
    if request.method != "POST":
        form = RowForm(plan=plan, row=row, initial=initial_for_row(row), auto_id=auto_id)
        form.focus = "characteristic"
        return _show_row_editor(request, target, form)
    form = RowForm(request.POST, plan=plan, row=row, auto_id=auto_id)
    shown = row_intent(request, form, plan, row)
    if shown is not None:
        return _show_row_editor(request, target, shown, notice=chosen_notice(shown))
    if not form.is_valid():
        return _show_row_editor(request, target, form)
    data = form.cleaned_data
    try:
        row = services.with_partner(data, user=request.user, save=lambda partner: (
            services.save_row(
                row, version=data["version"], partner=partner,
                characteristic=data["characteristic"], directions=data["directions"],
                user=request.user,
            )
        ))
    except EditRefused as refused:
        if refused.field is None:
            return refuse(request, plan, refused.message)
        form.add_error(refused.field, refused.message)
        return _show_row_editor(request, target, form)
    except Conflict as conflict:
        return _row_conflict(request, target, conflict.current)
    text = _("Row «%(partner)s» is saved.") % {"partner": row.partner}
    fragment = Line(plan, row.pk, notice=text, focus=f"edit-row-{row.pk}")
    return respond(request, fragment, Back(target.url(f"row-{row.pk}"), text))


def _row_conflict(request, target, current):
    """Someone saved the row first: show what is saved now; the user's values stay in the form,
    based on the current version, so saving again applies them on purpose."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = RowForm(data, plan=target.plan, row=current, auto_id=f"row{current.pk}-%s")
    form.is_valid()
    return _show_row_editor(request, target, form, row=current, conflict=row_conflict(current))


@editor_view()
def row_delete(request, target):
    plan, row = target.plan, target.row
    if request.method != "POST":
        return render(request, "plans/edit/confirm_delete.html", {
            "plan": plan, "row": row, "what": row_label(row), "count": row.activities.count(),
            "action": reverse("plans:row_delete", args=[plan.pk, row.pk]),
        })
    label = str(row.partner)
    try:
        history_id = services.delete_row(row, user=request.user)
    except EditRefused as refused:
        return refuse(request, plan, refused.message)
    text = _("Row «%(partner)s» is deleted.") % {"partner": label}
    undo = {
        "level": "warning", "text": text,
        "restore_url": reverse("plans:restore", args=[plan.pk, "row", history_id]),
        "restore_label": _("Restore «%(partner)s»") % {"partner": label},
    }
    fragment = Table(plan, notices=[undo], notice=text, focus="undo-delete")
    later = text + " " + _("You can restore it from the history of changes.")
    return respond(request, fragment, Back(target.url(), later, messages.WARNING))
