"""A row's activities: add, edit, delete; and the live preview of a period."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from plans.editor import services
from plans.editor.forms import ActivityForm, PeriodPreviewForm
from plans.editor.panels import activity_conflict, activity_editor
from plans.editor.services import Conflict, EditRefused
from plans.editor.views.prelude import editor_view
from plans.editor.views.respond import Back, EditorPage, Line, posted, refuse, respond


def _show_activity_editor(request, target, form, *, activity=None, conflict=None, focus="",
                          notice=""):
    """The activity's editor: in its row (htmx) or as a page."""
    editor = activity_editor(target.plan, target.row, form, activity=activity, conflict=conflict)
    fragment = Line(target.plan, target.row.pk, editor=editor, focus=focus, notice=notice)
    return respond(request, fragment, EditorPage(target.plan, editor))


@editor_view()
def activity_add(request, target):
    plan, row = target.plan, target.row
    auto_id = f"row{row.pk}-new-%s"
    focus = f"row{row.pk}-new-title"
    form = ActivityForm(posted(request), auto_id=auto_id)
    if request.method != "POST" or not form.is_valid():
        return _show_activity_editor(request, target, form, focus=focus)
    try:
        activity = services.add_activity(row, form.activity_data(), user=request.user)
    except EditRefused as refused:
        return refuse(request, plan, refused.message)
    text = _("Activity «%(title)s» is added.") % {"title": activity.title}
    if "another" in request.POST:
        return respond(
            request,
            Line(plan, row.pk, notice=text, focus=focus, editor=activity_editor(
                plan, row, ActivityForm(auto_id=auto_id)
            )),
            Back(reverse("plans:activity_add", args=[plan.pk, row.pk]), text),
        )
    fragment = Line(plan, row.pk, notice=text, focus=f"edit-activity-{activity.pk}")
    return respond(request, fragment, Back(target.row_url, text))


@editor_view()
def activity_edit(request, target):
    plan, row, activity = target.plan, target.row, target.activity
    auto_id = f"activity{activity.pk}-%s"
    focus = f"activity{activity.pk}-title"
    form = ActivityForm(posted(request), activity=activity, auto_id=auto_id)
    if request.method != "POST" or not form.is_valid():
        return _show_activity_editor(request, target, form, activity=activity, focus=focus)
    try:
        activity = services.save_activity(
            activity, form.activity_data(), version=form.cleaned_data["version"],
            user=request.user,
        )
    except EditRefused as refused:
        return refuse(request, plan, refused.message)
    except Conflict as conflict:
        return _activity_conflict(request, target, conflict.current)
    text = _("Activity «%(title)s» is saved.") % {"title": activity.title}
    fragment = Line(plan, row.pk, notice=text, focus=f"edit-activity-{activity.pk}")
    return respond(request, fragment, Back(target.row_url, text))


def _activity_conflict(request, target, current):
    """Someone saved the activity first: what is saved now, and the user's values to save."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = ActivityForm(data, activity=current, auto_id=f"activity{current.pk}-%s")
    form.is_valid()
    return _show_activity_editor(
        request, target, form, activity=current, conflict=activity_conflict(current),
        focus=f"conflict-{current.pk}",
    )


@editor_view()
def activity_delete(request, target):
    plan, row, activity = target.plan, target.row, target.activity
    if request.method != "POST":
        return render(request, "plans/edit/confirm_delete.html", {
            "plan": plan, "row": row, "what": activity.title, "activity": activity,
            "action": reverse("plans:activity_delete", args=[plan.pk, row.pk, activity.pk]),
        })
    title = activity.title
    try:
        history_id = services.delete_activity(activity, user=request.user)
    except EditRefused as refused:
        return refuse(request, plan, refused.message)
    text = _("Activity «%(title)s» is deleted.") % {"title": title}
    undo = {
        "text": text,
        "restore_url": reverse("plans:restore", args=[plan.pk, "activity", history_id]),
        "restore_label": _("Restore «%(title)s»") % {"title": title},
    }
    fragment = Line(plan, row.pk, notice_row=undo, notice=text, focus="undo-delete")
    later = text + " " + _("You can restore it from the history of changes.")
    return respond(request, fragment, Back(target.row_url, later, messages.WARNING))


@login_required
@require_GET
def period_preview(request):
    """The period as it will be printed, for the live preview of the period editor."""
    text, problem = PeriodPreviewForm(request.GET).preview()
    return render(request, "plans/edit/_period_preview.html", {"text": text, "problem": problem})
