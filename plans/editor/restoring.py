"""Undoing a deletion: a row with its directions and the activities deleted with it, or one
activity (the records are django-simple-history's; see `plans.editor.history`)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from plans.editor.services import (
    DELETED_WITH_ROW,
    RESTORED,
    EditRefused,
    lock,
    record_history,
    set_directions,
)
from plans.models import Activity, Plan, PlanRow


def _latest_records(model, ids):
    """The latest history record of each id in `ids`."""
    latest = {}
    for record in model.history.filter(id__in=ids).order_by("history_date", "history_id"):
        latest[record.id] = record
    return latest


def restore_row(plan: Plan, history_id: int, *, user=None) -> PlanRow:
    """Bring back a deleted row with its directions and the activities deleted with it."""
    with transaction.atomic():
        plan = lock(plan)
        record = PlanRow.history.filter(
            history_id=history_id, plan_id=plan.pk, history_type="-"
        ).first()
        if record is None:
            raise EditRefused(_("There is nothing to restore here."))
        if PlanRow.objects.filter(pk=record.id).exists():
            raise EditRefused(_("This row is in the plan already."))
        latest = PlanRow.history.filter(id=record.id).latest(
            "history_date", "history_id"
        )
        if latest.history_id != record.history_id:
            raise EditRefused(_("This row is in the plan already."))
        if plan.rows.filter(partner_id=record.partner_id).exists():
            raise EditRefused(
                _("The plan has a row for «%(partner)s» again; restore is not possible.")
                % {"partner": record.partner}
            )
        before = record.prev_record
        row = record.instance
        row.version = record.version + 1
        row.save_without_historical_record()
        if before is not None:
            set_directions(row, [d.direction_id for d in before.directions.all()])
        record_history(row, created=True, user=user, reason=RESTORED)
        deleted = Activity.history.filter(
            row_id=row.pk, history_type="-", history_change_reason=DELETED_WITH_ROW
        ).values_list("id", flat=True)
        for activity_record in _latest_records(Activity, set(deleted)).values():
            if activity_record.history_type != "-":
                continue
            if activity_record.history_change_reason != DELETED_WITH_ROW:
                continue
            activity = activity_record.instance
            activity.version = activity_record.version + 1
            activity._history_user = user
            activity._change_reason = RESTORED
            activity.save()
    return row


def restore_activity(plan: Plan, history_id: int, *, user=None) -> Activity:
    with transaction.atomic():
        plan = lock(plan)
        record = Activity.history.filter(history_id=history_id, history_type="-").first()
        if record is None or not PlanRow.history.filter(id=record.row_id, plan_id=plan.pk).exists():
            raise EditRefused(_("There is nothing to restore here."))
        latest = Activity.history.filter(id=record.id).latest("history_date", "history_id")
        if latest.history_id != record.history_id or Activity.objects.filter(
            pk=record.id
        ).exists():
            raise EditRefused(_("This activity is in the plan already."))
        row = PlanRow.objects.filter(pk=record.row_id, plan=plan).first()
        if row is None:
            raise EditRefused(
                _("The activity's row was deleted: restore the row first.")
            )
        activity = record.instance
        activity.version = record.version + 1
        activity._history_user = user
        activity._change_reason = RESTORED
        activity.save()
    return activity
