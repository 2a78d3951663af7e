"""Changing a plan: create, rows and activities, reorder (copy forward and restore are in
`copying` and `restoring`, on the same rules).

Every change goes through here, so the rules hold whatever the view:

* an approved plan refuses every change (:class:`EditRefused`, with a message that says who
  approved it and how to get it back to draft); the plan row is locked for the duration of the
  change, so a change and an approval cannot cross;
* rows and activities carry a ``version``; a save names the version it was based on and is a
  conditional UPDATE (``filter(pk=…, version=…).update(…, version=F("version") + 1)``), so of two
  saves from the same version exactly one wins and the other gets :class:`Conflict` with the
  current object;
* every change leaves exactly one django-simple-history record (with the row's directions), so
  ``/plans/<id>/history/`` can tell who changed what, and deleted objects can be restored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, router, transaction
from django.db.models import F, Max
from django.db.models.signals import post_save
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from partners.models import Partner
from plans.models import Activity, Plan, PlanRow, academic_year_label
from plans.table import ordered_rows

# The change reason of activities deleted together with their row: restoring the row brings
# them back too (activities deleted one by one before stay deleted).
DELETED_WITH_ROW = "deleted with row"
RESTORED = "restored"
# The change reason of what a copy created: the prefix, then the source's academic year.
COPIED_FROM = "copied from "

ACTIVITY_FIELDS = ("title", "form", "months", "frequency", "period_note", "responsible", "note")


class EditRefused(Exception):
    """A change that is not possible; the message is for the user, `field` names the field."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class Conflict(Exception):
    """Someone saved the object since the user loaded it; `current` is what is saved now."""

    def __init__(self, current):
        super().__init__("version conflict")
        self.current = current


# --------------------------------------------------------------------------- the plan


def review_message() -> str:
    return " ".join(
        [
            _("The plan is on review and cannot be changed now."),
            _("The methodist returns it for revision or the administrator approves it; to change "
              "it now, withdraw it from review."),
        ]
    )


def approved_message(plan: Plan) -> str:
    """Why the plan cannot be changed now (it is approved, or on review)."""
    if plan.status == Plan.Status.REVIEW:
        return review_message()
    who = ""
    if plan.approved_by is not None:
        who = plan.approved_by.get_full_name() or plan.approved_by.username
    when = date_format(plan.approved_at, "j E Y") if plan.approved_at else ""
    if who and when:
        head = _("The plan was approved by %(who)s on %(date)s.") % {"who": who, "date": when}
    else:
        head = _("The plan is approved.")
    return " ".join(
        [
            head,
            _("An approved plan cannot be changed."),
            _("An administrator can take it back to draft; then it can be edited again."),
        ]
    )


def lock(plan: Plan) -> Plan:
    """Lock the plan for this transaction and refuse unless it is a draft."""
    locked = (
        Plan.objects.select_for_update(of=("self",))
        .select_related("approved_by", "unit")
        .get(pk=plan.pk)
    )
    if not locked.is_editable:
        raise EditRefused(approved_message(locked))
    return locked


def plan_exists_message(unit, year: int) -> str:
    return _("%(unit)s already has a plan for the %(year)s academic year.") % {
        "unit": unit,
        "year": academic_year_label(year),
    }


def create_plan(*, unit, year: int, title: str = "", user=None) -> Plan:
    if Plan.objects.filter(unit=unit, year=year).exists():
        raise EditRefused(plan_exists_message(unit, year), field="year")
    plan = Plan(unit=unit, year=year, title=title.strip())
    plan._history_user = user
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:  # created by someone else a moment ago
        raise EditRefused(plan_exists_message(unit, year), field="year") from None
    return plan


# --------------------------------------------------------------------------- history helper


def record_history(instance, *, created: bool, user, reason: str | None = None) -> None:
    """Leave one history record of `instance` as it is in the database now.

    Rows are written with `skip_history_when_saving` (and a conditional UPDATE does not send
    signals), so the directions are set before the one record is taken.
    """
    instance._history_user = user
    if reason:
        instance._change_reason = reason
    post_save.send(
        sender=type(instance),
        instance=instance,
        created=created,
        update_fields=None,
        raw=False,
        using=router.db_for_write(type(instance)),
    )


def set_directions(row: PlanRow, directions) -> None:
    row.skip_history_when_saving = True
    try:
        row.directions.set(directions)
    finally:
        del row.skip_history_when_saving


# --------------------------------------------------------------------------- partners


def already_in_registry(partner) -> str:
    return _("«%(name)s» is already in the registry: choose it in the list.") % {
        "name": partner.name if isinstance(partner, Partner) else partner
    }


def create_partner(*, name: str, category, user=None) -> Partner:
    """A new registry partner, created by a teacher from the plan (name and category).

    A name that counts as the same as a registry partner's (`Partner.objects.same_as`) is
    refused, naming the partner that is there.
    """
    name = " ".join(name.split())
    if not name:
        raise EditRefused(_("Enter the new partner's name."), field="new_partner_name")
    existing = Partner.objects.same_as(name)
    if existing is not None:
        raise EditRefused(already_in_registry(existing), field="new_partner_name")
    partner = Partner(name=name, category=category)
    partner._history_user = user
    try:
        with transaction.atomic():
            partner.save()
    except IntegrityError:
        raise EditRefused(already_in_registry(name), field="new_partner_name") from None
    return partner


def find_or_create_partner(*, name: str, category, user=None) -> tuple[Partner, bool]:
    """The registry partner that is the same as `name` if it can be chosen, else a new one.

    Returns (partner, created). «ПЧ - 48» typed while «ПЧ-48» exists gives «ПЧ-48».
    """
    existing = Partner.objects.same_as(" ".join(name.split()))
    if existing is not None and existing.is_active:
        return existing, False
    return create_partner(name=name, category=category, user=user), True


def with_partner(data: dict, *, user, save):
    """The chosen partner, or the new one created now; then `save(partner)`, all or nothing."""
    with transaction.atomic():
        partner = data["partner"] or create_partner(
            name=data["new_partner_name"], category=data["new_partner_category"], user=user
        )
        return save(partner)


def partner_in_plan_message(partner) -> str:
    return _("«%(partner)s» is already in this plan: edit its row instead.") % {
        "partner": partner
    }


# --------------------------------------------------------------------------- rows


def add_row(plan: Plan, *, partner, characteristic: str = "", directions=(), user=None) -> PlanRow:
    with transaction.atomic():
        plan = lock(plan)
        if plan.rows.filter(partner=partner).exists():
            raise EditRefused(partner_in_plan_message(partner), field="partner")
        last = plan.rows.aggregate(last=Max("order"))["last"]
        row = PlanRow(
            plan=plan,
            partner=partner,
            characteristic=characteristic,
            order=0 if last is None else last + 1,
        )
        row.save_without_historical_record()
        set_directions(row, directions)
        record_history(row, created=True, user=user)
    return row


def save_row(row: PlanRow, *, version: int, partner, characteristic: str, directions, user=None):
    """Save the row if nobody saved it since `version`; otherwise raise Conflict."""
    with transaction.atomic():
        lock(row.plan)
        if row.plan.rows.filter(partner=partner).exclude(pk=row.pk).exists():
            raise EditRefused(partner_in_plan_message(partner), field="partner")
        won = PlanRow.objects.filter(pk=row.pk, version=version).update(
            partner=partner, characteristic=characteristic, version=F("version") + 1
        )
        current = PlanRow.objects.select_related("partner", "plan").get(pk=row.pk)
        if not won:
            raise Conflict(current)
        set_directions(current, directions)
        record_history(current, created=False, user=user)
    return current


def delete_row(row: PlanRow, *, user=None) -> int:
    """Delete the row and its activities; returns the history id to restore it from."""
    with transaction.atomic():
        lock(row.plan)
        for activity in row.activities.all():
            activity._history_user = user
            activity._change_reason = DELETED_WITH_ROW
            activity.delete()
        row._history_user = user
        row_id = row.pk
        row.delete()
    return PlanRow.history.filter(id=row_id, history_type="-").latest("history_date").history_id


def _move(items: list, index: int, step: int, user) -> bool:
    """Swap items[index] with its neighbour `step` away, keeping the orders the group has.

    Only the two items that trade places are saved (one history record each), unless the
    orders were not distinct, when the group is numbered afresh.
    """
    other = index + step
    if not 0 <= other < len(items):
        return False
    items[index], items[other] = items[other], items[index]
    slots = sorted(item.order for item in items)
    if len(set(slots)) != len(slots):
        slots = list(range(len(items)))
    for item, slot in zip(items, slots, strict=True):
        if item.order != slot:
            item.order = slot
            item._history_user = user
            item.save(update_fields=["order"])
    return True


def row_group(rows: list[PlanRow], row: PlanRow) -> list[PlanRow]:
    """The rows printed in the same group as `row`: internal rows, or one external category."""
    category = row.partner.category
    if category.is_internal:
        return [r for r in rows if r.partner.category.is_internal]
    return [r for r in rows if r.partner.category_id == category.pk]


def move_row(row: PlanRow, *, up: bool, user=None) -> bool:
    """Move the row one place up or down within its printed group; False if it cannot."""
    with transaction.atomic():
        plan = lock(row.plan)
        rows = ordered_rows(PlanRow.objects.filter(plan=plan).select_related("partner__category"))
        group = row_group(rows, next(r for r in rows if r.pk == row.pk))
        index = next(i for i, r in enumerate(group) if r.pk == row.pk)
        return _move(group, index, -1 if up else 1, user)


# --------------------------------------------------------------------------- activities


@dataclass
class ActivityData:
    title: str
    form: object
    months: int
    frequency: str
    period_note: str
    responsible: str
    note: str

    def as_fields(self) -> dict:
        return {name: getattr(self, name) for name in ACTIVITY_FIELDS}


def add_activity(row: PlanRow, data: ActivityData, *, user=None) -> Activity:
    with transaction.atomic():
        lock(row.plan)
        last = row.activities.aggregate(last=Max("order"))["last"]
        activity = Activity(row=row, order=0 if last is None else last + 1, **data.as_fields())
        activity._history_user = user
        activity.save()
    return activity


def save_activity(activity: Activity, data: ActivityData, *, version: int, user=None) -> Activity:
    with transaction.atomic():
        lock(activity.row.plan)
        won = Activity.objects.filter(pk=activity.pk, version=version).update(
            version=F("version") + 1, **data.as_fields()
        )
        current = Activity.objects.select_related("form").get(pk=activity.pk)
        if not won:
            raise Conflict(current)
        record_history(current, created=False, user=user)
    return current


def delete_activity(activity: Activity, *, user=None) -> int:
    with transaction.atomic():
        lock(activity.row.plan)
        activity._history_user = user
        activity_id = activity.pk
        activity.delete()
    return Activity.history.filter(id=activity_id, history_type="-").latest(
        "history_date"
    ).history_id


def move_activity(activity: Activity, *, up: bool, user=None) -> bool:
    with transaction.atomic():
        lock(activity.row.plan)
        items = list(Activity.objects.filter(row_id=activity.row_id).order_by("order", "pk"))
        index = next(i for i, a in enumerate(items) if a.pk == activity.pk)
        return _move(items, index, -1 if up else 1, user)
