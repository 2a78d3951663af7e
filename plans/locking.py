"""Approved plans are immutable: the guard below the views.

Whatever writes a plan's content — the editor, the importer, copying, a partner merge, the admin,
a shell — hits this guard, which raises :class:`PlanLocked` naming the plan:

* saving or deleting a row (``PlanRow``) or an activity (``Activity``) of an approved plan, or
  moving one into or out of it (``pre_save`` / ``pre_delete``, so cascades are caught too);
* changing a row's directions (``m2m_changed`` on ``PlanRow.directions``, either side);
* ``QuerySet.update``, ``bulk_create`` and ``bulk_update`` of rows and activities (the model
  managers, see plans.models);
* changing the printed fields of an approved plan (unit, year, title, who approved it, when and
  by which order), or deleting it;
* deleting a direction or a form of interaction an approved plan prints (``pre_delete``: the
  deletion would drop it from the plan's rows or activities without their signals). The
  registry's admin lists the refusal before anything is deleted (``partners.extensions``).

The workflow's own steps still work: approving sets those fields on a plan on review, and an
administrator's «Take back to draft» (workflow REOPEN) changes the status away from approved,
after which the plan is a draft and may change. Services that change a plan lock its row first
(``select_for_update``), so a change and an approval cannot cross.
"""

from django.apps import apps
from django.contrib import messages
from django.db.models import Q
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

# The plan's own printed fields (attribute names): they cannot change while it stays approved.
PRINTED_FIELDS = ("unit_id", "year", "title", "approved_at", "approved_by_id", "approval_order")
PRINTED_UPDATE_KEYS = frozenset(PRINTED_FIELDS) | {"unit", "approved_by"}


class PlanLocked(Exception):
    """A change to an approved plan; `message` is for the user and names the plan."""

    def __init__(self, plan):
        self.plan = plan
        self.message = locked_message(plan)
        super().__init__(self.message)


def locked_message(plan) -> str:
    return _("The plan «%(plan)s» is approved: take it back to draft to change it.") % {
        "plan": plan
    }


def _model(name: str):
    # Looked up, not imported: plans.models imports this module (no import cycle).
    return apps.get_model("plans", name)


def _approved():
    Plan = _model("Plan")

    return Plan.objects.filter(status=Plan.Status.APPROVED).select_related("unit")


def refuse_if_any(condition: Q) -> None:
    """Raise PlanLocked if an approved plan matches `condition`."""
    plan = _approved().filter(condition).order_by().first()
    if plan is not None:
        raise PlanLocked(plan)


# --------------------------------------------------------------------------- rows, activities


def check_row(row) -> None:
    """Refuse to write `row` if it is in an approved plan, or is moving into or out of one."""
    condition = Q(pk=row.plan_id)
    if row.pk is not None:
        condition |= Q(rows=row.pk)
    refuse_if_any(condition)


def check_activity(activity) -> None:
    condition = Q(rows=activity.row_id)
    if activity.pk is not None:
        condition |= Q(rows__activities=activity.pk)
    refuse_if_any(condition)


def check_rows(queryset) -> None:
    """Refuse a bulk write to rows of which one is in an approved plan."""
    refuse_if_any(Q(rows__in=queryset.order_by().values("pk")))


def check_activities(queryset) -> None:
    refuse_if_any(Q(rows__activities__in=queryset.order_by().values("pk")))


def check_new_rows(rows) -> None:
    plan_ids = {row.plan_id for row in rows}
    row_ids = {row.pk for row in rows if row.pk is not None}
    refuse_if_any(Q(pk__in=plan_ids) | Q(rows__in=row_ids))


def check_new_activities(activities) -> None:
    row_ids = {activity.row_id for activity in activities}
    ids = {activity.pk for activity in activities if activity.pk is not None}
    refuse_if_any(Q(rows__in=row_ids) | Q(rows__activities__in=ids))


# --------------------------------------------------------------------------- the plan itself


def check_plan(plan) -> None:
    """Refuse a save that changes an approved plan's printed fields while it stays approved."""
    Plan = _model("Plan")

    if plan.pk is None or plan.status != Plan.Status.APPROVED:
        return  # a new plan, or a workflow step away from approved
    stored = Plan.objects.filter(pk=plan.pk).values("status", *PRINTED_FIELDS).first()
    if stored is None or stored["status"] != Plan.Status.APPROVED:
        return  # not approved yet: this is the approval itself
    if any(stored[name] != getattr(plan, name) for name in PRINTED_FIELDS):
        raise PlanLocked(plan)


def check_plan_update(queryset, values: dict) -> None:
    """Refuse `Plan.objects.….update()` of printed fields on approved plans."""
    Plan = _model("Plan")

    leaving = "status" in values and values["status"] != Plan.Status.APPROVED
    if PRINTED_UPDATE_KEYS & values.keys() and not leaving:
        refuse_if_any(Q(pk__in=queryset.order_by().values("pk")))


# --------------------------------------------------------------------------- the registry's lists


def approved_plan_using(reference):
    """An approved plan that prints `reference` (a direction of one of its rows, the form of
    one of its activities), or None."""
    from partners.models import Direction, InteractionForm

    if isinstance(reference, Direction):
        condition = Q(rows__directions=reference.pk)
    elif isinstance(reference, InteractionForm):
        condition = Q(rows__activities__form=reference.pk)
    else:
        return None
    return _approved().filter(condition).order_by().first()


def _on_reference_delete(sender, instance, **kwargs):
    plan = approved_plan_using(instance)
    if plan is not None:
        raise PlanLocked(plan)


# --------------------------------------------------------------------------- signals


def _on_save(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata
        return
    Activity, Plan, PlanRow = _model("Activity"), _model("Plan"), _model("PlanRow")

    if sender is PlanRow:
        check_row(instance)
    elif sender is Activity:
        check_activity(instance)
    elif sender is Plan:
        check_plan(instance)


def _on_delete(sender, instance, **kwargs):
    Activity, Plan, PlanRow = _model("Activity"), _model("Plan"), _model("PlanRow")

    if sender is PlanRow:
        refuse_if_any(Q(pk=instance.plan_id))
    elif sender is Activity:
        refuse_if_any(Q(rows=instance.row_id))
    elif sender is Plan:
        refuse_if_any(Q(pk=instance.pk))


def _on_directions(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"pre_add", "pre_remove", "pre_clear"}:
        return
    if not reverse:
        refuse_if_any(Q(rows=instance.pk))
    elif pk_set is not None:
        refuse_if_any(Q(rows__in=pk_set))
    else:  # a direction cleared from every row
        refuse_if_any(Q(rows__directions=instance.pk))


def connect() -> None:
    """Connect the guard (PlansConfig.ready)."""
    Activity, Plan, PlanRow = _model("Activity"), _model("Plan"), _model("PlanRow")

    for model in (Plan, PlanRow, Activity):
        pre_save.connect(_on_save, sender=model, dispatch_uid=f"plan-lock-save-{model.__name__}")
        pre_delete.connect(
            _on_delete, sender=model, dispatch_uid=f"plan-lock-delete-{model.__name__}"
        )
    m2m_changed.connect(
        _on_directions, sender=PlanRow.directions.through, dispatch_uid="plan-lock-directions"
    )
    from partners.models import Direction, InteractionForm

    for model in (Direction, InteractionForm):
        pre_delete.connect(_on_reference_delete, sender=model,
                           dispatch_uid=f"plan-lock-delete-{model.__name__}")


# --------------------------------------------------------------------------- the admin


class PlanLockedAdminMixin:
    """Admin pages that show PlanLocked as an error message on the same page, never a 500."""

    def _refused(self, request, locked: PlanLocked):
        self.message_user(request, locked.message, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except PlanLocked as locked:
            return self._refused(request, locked)

    def delete_view(self, request, *args, **kwargs):
        try:
            return super().delete_view(request, *args, **kwargs)
        except PlanLocked as locked:
            return self._refused(request, locked)

    def changelist_view(self, request, *args, **kwargs):
        try:
            return super().changelist_view(request, *args, **kwargs)
        except PlanLocked as locked:
            return self._refused(request, locked)

    def history_form_view(self, request, *args, **kwargs):
        try:
            return super().history_form_view(request, *args, **kwargs)
        except PlanLocked as locked:
            return self._refused(request, locked)
