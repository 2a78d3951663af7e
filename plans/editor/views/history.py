"""A plan's history of changes, and restoring what was deleted."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from partners.inputs import safe_next
from plans.editor.history_pages import plan_history
from plans.editor.restoring import restore_activity, restore_row
from plans.editor.services import EditRefused
from plans.editor.views.prelude import editor_view
from plans.editor.views.respond import Back, Table, base_context, refuse, respond


@editor_view(edit=False, methods=["GET"])
def history(request, target):
    page = plan_history(target.plan, page=request.GET.get("page"))
    context = base_context(request, target.plan) | {"page": page}
    return render(request, "plans/edit/history.html", context)


def _restore(plan, kind, history_id, user):
    """Restore the row or activity; (text, anchor on the plan page, id to focus)."""
    if kind == "row":
        row = restore_row(plan, history_id, user=user)
        text = _("Row «%(partner)s» is restored.") % {"partner": row.partner}
        return text, f"row-{row.pk}", f"edit-row-{row.pk}"
    if kind == "activity":
        activity = restore_activity(plan, history_id, user=user)
        text = _("Activity «%(title)s» is restored.") % {"title": activity.title}
        return text, f"row-{activity.row_id}", f"edit-activity-{activity.pk}"
    raise Http404


# The restore service refuses for an approved plan, going back to where the user came from.
@editor_view(allow_approved=True, methods=["POST"])
def restore(request, target, kind, history_id):
    plan = target.plan
    asked = safe_next(request, None)  # a bad `next` is as if none was given
    try:
        text, anchor, focus = _restore(plan, kind, history_id, request.user)
    except EditRefused as refused:
        back = asked or reverse("plans:history", args=[plan.pk])
        return refuse(request, plan, refused.message, back=back)
    page = Back(asked or target.url(anchor), text)
    return respond(request, Table(plan, notice=text, focus=focus), page)
