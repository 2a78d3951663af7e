"""Registry services: merging two partners.

Comparing names (the one rule for «the same partner», similar names, the importers' index) lives
in :mod:`partners.naming`; its names are re-exported here for older imports.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from simple_history.utils import update_change_reason

from partners.models import Partner, Partnership
from partners.naming import (  # noqa: F401 - moved to partners.naming, re-exported
    SIMILAR_AT,
    PartnerIndex,
    Similar,
    comparable_name,
    normalise_name,
    similar_partners,
    similarity,
)

# --------------------------------------------------------------------------- merging


@dataclass
class MergeSummary:
    rows_moved: int = 0
    rows_merged: int = 0
    activities_moved: int = 0
    agreements_moved: int = 0
    partnerships_moved: int = 0
    partnerships_merged: int = 0
    contacts_moved: int = 0
    shared_plans: list = field(default_factory=list)


def merge_preview(keep: Partner, drop: Partner) -> MergeSummary:
    """What :func:`merge_partners` would move, without changing anything."""
    from plans.models import Activity

    summary = MergeSummary()
    kept_plans = set(keep.plan_rows.values_list("plan_id", flat=True))
    for row in drop.plan_rows.select_related("plan", "plan__unit"):
        if row.plan_id in kept_plans:
            summary.rows_merged += 1
            summary.shared_plans.append(row.plan)
        else:
            summary.rows_moved += 1
    summary.activities_moved = Activity.objects.filter(row__partner=drop).count()
    summary.agreements_moved = drop.agreements.count()
    kept_holders = set(keep.partnerships.values_list("unit_id", "teacher_id"))
    for holder in drop.partnerships.values_list("unit_id", "teacher_id"):
        if holder in kept_holders:
            summary.partnerships_merged += 1
        else:
            summary.partnerships_moved += 1
    summary.contacts_moved = drop.contacts.count()
    return summary


def _join_text(first: str, second: str, separator: str = " ") -> str:
    first, second = (first or "").strip(), (second or "").strip()
    if not second or second in first:
        return first
    if not first or first in second:
        return second
    return f"{first}{separator}{second}"


def _merge_row(kept_row, dropped_row) -> int:
    """Fold ``dropped_row`` into ``kept_row`` (same plan); return the activities moved."""
    from plans.models import Comment

    start = (kept_row.activities.aggregate(m=Max("order"))["m"] or 0) + 1
    moved = 0
    for position, activity in enumerate(dropped_row.activities.order_by("order", "pk")):
        activity.row = kept_row
        activity.order = start + position
        activity.save()
        moved += 1
    kept_row.directions.add(*dropped_row.directions.all())
    kept_row.characteristic = _join_text(kept_row.characteristic, dropped_row.characteristic)
    kept_row.version += 1
    kept_row.save()
    for agreement in dropped_row.agreements.all():
        agreement.plan_rows.add(kept_row)
    Comment.objects.filter(row=dropped_row).update(row=kept_row)
    dropped_row.delete()
    return moved


@transaction.atomic
def merge_partners(keep: Partner, drop: Partner) -> MergeSummary:
    """Move everything of ``drop`` to ``keep`` and delete ``drop``; one transaction.

    Plan rows move to ``keep``; where both partners are in one plan, the rows merge
    (activities move, directions unite, characteristics join). Agreements, partnerships
    (merged per holder: the further stage and both checklists) and contacts move; empty
    details of ``keep`` are filled from ``drop``. The history of every change is recorded.
    """
    if keep.pk == drop.pk:
        raise ValueError("a partner cannot be merged with itself")
    keep = Partner.objects.select_for_update().get(pk=keep.pk)
    drop = Partner.objects.select_for_update().get(pk=drop.pk)
    summary = merge_preview(keep, drop)

    kept_rows = {row.plan_id: row for row in keep.plan_rows.all()}
    for row in drop.plan_rows.prefetch_related("agreements", "directions"):
        if row.plan_id in kept_rows:
            _merge_row(kept_rows[row.plan_id], row)
        else:
            row.partner = keep
            row.version += 1
            row.save()

    for agreement in drop.agreements.all():
        agreement.partner = keep
        agreement.save()

    from partners.stages import STAGE_ORDER, clean_checklist

    kept_partnerships = {(p.unit_id, p.teacher_id): p for p in keep.partnerships.all()}
    for partnership in drop.partnerships.all():
        twin = kept_partnerships.get((partnership.unit_id, partnership.teacher_id))
        if twin is None:
            partnership.partner = keep
            partnership.save()
            continue
        checklist = {
            **clean_checklist(twin.checklist),
            **clean_checklist(partnership.checklist),
        }
        if STAGE_ORDER.index(partnership.stage) > STAGE_ORDER.index(twin.stage):
            twin.stage = partnership.stage
            twin.stage_reached_on = partnership.stage_reached_on
            twin.stage_set_by = partnership.stage_set_by
        twin.checklist = checklist
        twin.save()
        partnership.delete()

    drop.contacts.update(partner=keep)

    for name in ["short_name", "address", "phone", "email", "site"]:
        if not getattr(keep, name) and getattr(drop, name):
            setattr(keep, name, getattr(drop, name))
    if keep.unit_id is None and drop.unit_id is not None:
        keep.unit_id = drop.unit_id
    keep.notes = _join_text(keep.notes, drop.notes, "\n")
    keep.save()
    update_change_reason(keep, f"Merged with «{drop.name}» (#{drop.pk})"[:100])
    drop._change_reason = f"Merged into «{keep.name}» (#{keep.pk})"[:100]
    drop.delete()
    return summary


def holder_partnership(partner: Partner, unit, teacher=None) -> Partnership | None:
    return Partnership.objects.filter(partner=partner, unit=unit, teacher=teacher).first()
