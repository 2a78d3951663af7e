"""Registry services: merging two partners (comparing names is partners.naming)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import update_change_reason

from partners import extensions
from partners.models import Partner, Partnership
from partners.stages import STAGE_ORDER, clean_checklist

# --------------------------------------------------------------------------- merging
# The plan rows of the two partners are merged by `plans`, through the merge steps it registers
# (see partners.extensions); a step may refuse the merge, and then nothing changes.


class MergeRefused(Exception):
    """A merge that may not happen now; the message says why, for the user."""


@dataclass
class MergeSummary:
    agreements_moved: int = 0
    partnerships_moved: int = 0
    partnerships_merged: int = 0
    contacts_moved: int = 0
    refusals: list[str] = field(default_factory=list)  # why the merge may not happen now
    details: list[str] = field(default_factory=list)  # HTML list items of the merge steps
    moved: list[str] = field(default_factory=list)  # once merged: what moved, in short phrases


def merge_refusals(keep: Partner, drop: Partner) -> list[str]:
    return [reason for step in extensions.merge_steps if (reason := step.refusal(keep, drop))]


def merge_preview(keep: Partner, drop: Partner) -> MergeSummary:
    """What :func:`merge_partners` would move, without changing anything."""
    summary = MergeSummary(
        refusals=merge_refusals(keep, drop),
        details=[step.preview(keep, drop) for step in extensions.merge_steps],
    )
    summary.agreements_moved = drop.agreements.count()
    kept_holders = set(keep.partnerships.values_list("unit_id", "teacher_id"))
    for holder in drop.partnerships.values_list("unit_id", "teacher_id"):
        if holder in kept_holders:
            summary.partnerships_merged += 1
        else:
            summary.partnerships_moved += 1
    summary.contacts_moved = drop.contacts.count()
    return summary


def join_text(first: str, second: str, separator: str = " ") -> str:
    """Both texts, without repeating one that the other already holds."""
    first, second = (first or "").strip(), (second or "").strip()
    if not second or second in first:
        return first
    if not first or first in second:
        return second
    return f"{first}{separator}{second}"


def _merge_partnerships(keep: Partner, drop: Partner) -> None:
    """Move the partnerships; where both have one with a holder, keep the further stage."""
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


def _fill_details(keep: Partner, drop: Partner) -> None:
    for name in ["short_name", "address", "phone", "email", "site"]:
        if not getattr(keep, name) and getattr(drop, name):
            setattr(keep, name, getattr(drop, name))
    if keep.unit_id is None and drop.unit_id is not None:
        keep.unit_id = drop.unit_id
    keep.notes = join_text(keep.notes, drop.notes, "\n")


@transaction.atomic
def merge_partners(keep: Partner, drop: Partner) -> MergeSummary:
    """Move everything of ``drop`` to ``keep`` and delete ``drop``; one transaction.

    The merge steps of higher apps run first (plans moves and merges the plan rows); any of
    them may refuse, and then :class:`MergeRefused` is raised before anything changes.
    Agreements, partnerships (merged per holder: the further stage and both checklists) and
    contacts move; empty details of ``keep`` are filled from ``drop``. The history of every
    change is recorded.
    """
    if keep.pk == drop.pk:
        raise ValueError("a partner cannot be merged with itself")
    keep = Partner.objects.select_for_update().get(pk=keep.pk)
    drop = Partner.objects.select_for_update().get(pk=drop.pk)
    summary = merge_preview(keep, drop)
    if summary.refusals:
        raise MergeRefused(" ".join(summary.refusals))
    for step in extensions.merge_steps:
        summary.moved += step.merge(keep, drop)

    for agreement in drop.agreements.all():
        agreement.partner = keep
        agreement.save()
    _merge_partnerships(keep, drop)
    drop.contacts.update(partner=keep)
    summary.moved += [
        _("agreements — %(count)s") % {"count": summary.agreements_moved},
        _("contacts — %(count)s") % {"count": summary.contacts_moved},
    ]

    _fill_details(keep, drop)
    keep.save()
    update_change_reason(keep, f"Merged with «{drop.name}» (#{drop.pk})"[:100])
    drop._change_reason = f"Merged into «{keep.name}» (#{keep.pk})"[:100]
    drop.delete()
    return summary


def holder_partnership(partner: Partner, unit, teacher=None) -> Partnership | None:
    return Partnership.objects.filter(partner=partner, unit=unit, teacher=teacher).first()
