"""What the editor templates show: the editor panels (a row's or an activity's form with its
title, action and helpers) and the summary of a conflicting save (a row's place in its group,
for its move buttons, is `plans.editor.views.tools.row_line`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from plans.editor.forms import PeriodPreviewForm
from plans.forms import label
from plans.models import Activity, PlanRow


def edit_url(plan) -> str:
    """The plan's page in edit mode (the choice lives in the URL, so it works without JS)."""
    return f"{plan.get_absolute_url()}?mode=edit"


def row_editor(plan, form, *, row=None, conflict=None, inline=False) -> dict:
    """The row editor: a new row (`row` None) or the given one."""
    if row is None:
        action = reverse("plans:row_add", args=[plan.pk])
        title = _("Add a partner to the plan")
    else:
        action = reverse("plans:row_edit", args=[plan.pk, row.pk])
        title = _("Row «%(partner)s»") % {"partner": row.partner}
    return {
        "kind": "row",
        "template": "plans/edit/_row_form.html",
        "form": form,
        "row": row,
        "row_pk": row.pk if row else None,
        "action": action,
        "title": title,
        "conflict": conflict,
        "inline": inline,
        "search_url": reverse("plans:partner_search", args=[plan.pk]),
        "prefix": form.auto_id.replace("%s", ""),
        "query": getattr(form, "query", ""),
    }


def activity_editor(plan, row, form, *, activity=None, conflict=None) -> dict:
    """The activity editor: a new activity of `row` (`activity` None) or the given one."""
    if activity is None:
        action = reverse("plans:activity_add", args=[plan.pk, row.pk])
        title = _("New activity with «%(partner)s»") % {"partner": row.partner}
    else:
        action = reverse("plans:activity_edit", args=[plan.pk, row.pk, activity.pk])
        title = _("Activity «%(title)s»") % {"title": activity.title}
    return {
        "kind": "activity",
        "template": "plans/edit/_activity_form.html",
        "form": form,
        "row": row,
        "row_pk": row.pk,
        "activity": activity,
        "action": action,
        "title": title,
        "conflict": conflict,
        "inline": False,
        "preview_url": reverse("plans:period_preview"),
        "prefix": form.auto_id.replace("%s", ""),
        "preview": preview_text(form),
    }


def preview_text(form) -> str:
    """The period as it will be printed, from the form's data (or its initial values)."""
    if form.is_bound:
        preview = PeriodPreviewForm(form.data)
    else:
        initial = form.initial
        preview = PeriodPreviewForm(
            {
                "months": initial.get("months", []),
                "frequency": initial.get("frequency", ""),
                "period_note": initial.get("period_note", ""),
            }
        )
    text, _problem = preview.preview()
    return text


def last_author(obj) -> dict | None:
    """Who saved `obj` last, and when (from its history)."""
    record = obj.history.select_related("history_user").order_by("-history_date").first()
    if record is None or record.history_user is None:
        return None
    return {"user": record.history_user, "at": record.history_date}


def row_conflict(current: PlanRow) -> dict:
    """What is saved now in a row someone else saved first."""
    return {
        "by": last_author(current),
        "fields": [
            (label(PlanRow, "partner"), str(current.partner)),
            (label(PlanRow, "characteristic"), current.characteristic or "—"),
            (
                label(PlanRow, "directions"),
                ", ".join(str(d) for d in current.directions.all()) or "—",
            ),
        ],
    }


def activity_conflict(current: Activity) -> dict:
    """What is saved now in an activity someone else saved first."""
    return {
        "by": last_author(current),
        "fields": [
            (label(Activity, "title"), current.title),
            (label(Activity, "form"), str(current.form) if current.form else "—"),
            (pgettext("plan editor", "Period"), current.period_text or "—"),
            (label(Activity, "responsible"), current.responsible or "—"),
            (label(Activity, "note"), current.note or "—"),
        ],
    }


def match_label(count: int) -> str:
    """The first option of the partner select after a search."""
    if count == 0:
        return _("— nothing found: add a new partner below —")
    return _("— found: %(count)d —") % {"count": count}
