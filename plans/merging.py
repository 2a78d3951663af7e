"""The plan rows' part of merging two registry partners (a merge step of partners.extensions).

The duplicate's rows move to the partner that is kept; where both partners are in one plan,
the rows merge: activities move after the kept row's, directions unite, characteristics join,
the annex links and the comments follow. An approved plan is never changed: if the duplicate
is in one, the whole merge is refused, naming the plan, until an administrator returns it to
draft.
"""

from dataclasses import dataclass, field

from django.db.models import Max
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partners.services import join_text
from plans.models import Activity, Comment, Plan, PlanRow


@dataclass
class RowsPreview:
    rows_moved: int = 0
    rows_merged: int = 0
    activities_moved: int = 0
    shared_plans: list = field(default_factory=list)


def affected_plans(drop):
    """The plans whose rows a merge of `drop` into another partner rewrites."""
    return Plan.objects.filter(rows__partner=drop).select_related("unit").order_by("year", "pk")


def preview_rows(keep, drop) -> RowsPreview:
    preview = RowsPreview()
    kept_plans = set(keep.plan_rows.values_list("plan_id", flat=True))
    for row in drop.plan_rows.select_related("plan", "plan__unit"):
        if row.plan_id in kept_plans:
            preview.rows_merged += 1
            preview.shared_plans.append(row.plan)
        else:
            preview.rows_moved += 1
    preview.activities_moved = Activity.objects.filter(row__partner=drop).count()
    return preview


def _merge_row(kept_row: PlanRow, dropped_row: PlanRow) -> None:
    """Fold ``dropped_row`` into ``kept_row`` (same plan)."""
    start = (kept_row.activities.aggregate(m=Max("order"))["m"] or 0) + 1
    for position, activity in enumerate(dropped_row.activities.order_by("order", "pk")):
        activity.row = kept_row
        activity.order = start + position
        activity.save()
    kept_row.directions.add(*dropped_row.directions.all())
    kept_row.agreements.add(*dropped_row.agreements.all())
    kept_row.characteristic = join_text(kept_row.characteristic, dropped_row.characteristic)
    kept_row.version += 1
    kept_row.save()
    Comment.objects.filter(row=dropped_row).update(row=kept_row)
    dropped_row.delete()


class PlanRowsMerge:
    """The merge step `plans` registers with partners (see plans.partner_hooks)."""

    def refusal(self, keep, drop) -> str | None:
        approved = [str(plan) for plan in affected_plans(drop) if plan.is_approved]
        if not approved:
            return None
        return ngettext(
            "The partners cannot be merged: the plan «%(plans)s» is approved; return it to "
            "draft first, then merge.",
            "The partners cannot be merged: the plans «%(plans)s» are approved; return them "
            "to draft first, then merge.",
            len(approved),
        ) % {"plans": "», «".join(approved)}

    def preview(self, keep, drop) -> str:
        return render_to_string("plans/_merge_preview.html", {"rows": preview_rows(keep, drop)})

    def merge(self, keep, drop) -> list[str]:
        kept_rows = {row.plan_id: row for row in keep.plan_rows.all()}
        count = 0
        for row in drop.plan_rows.prefetch_related("agreements", "directions"):
            count += 1
            if row.plan_id in kept_rows:
                _merge_row(kept_rows[row.plan_id], row)
            else:
                row.partner = keep
                row.version += 1
                row.save()
        return [_("plan rows — %(count)s") % {"count": count}]
