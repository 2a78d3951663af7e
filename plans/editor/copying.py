"""Copying a plan forward to another academic year."""

from django.db import IntegrityError, transaction

from plans.editor.services import COPIED_FROM, EditRefused, plan_exists_message
from plans.models import Activity, Plan, PlanRow


@transaction.atomic
def copy_plan(source: Plan, year: int, *, unit=None) -> Plan:
    """A draft copy of `source` for `year`: rows, characteristics, directions, activities, periods.

    Results of held activities (participants, result) stay with the year they belong to.
    """
    plan = Plan.objects.create(unit=unit or source.unit, year=year, title="")
    rows = list(source.rows.prefetch_related("directions", "activities").order_by("order", "pk"))
    for row in rows:
        new_row = PlanRow.objects.create(
            plan=plan, partner_id=row.partner_id, characteristic=row.characteristic,
            order=row.order,
        )
        new_row.directions.set(row.directions.all())
        Activity.objects.bulk_create(
            Activity(
                row=new_row, title=a.title, form_id=a.form_id, months=a.months,
                frequency=a.frequency, period_note=a.period_note, responsible=a.responsible,
                note=a.note, order=a.order,
            )
            for a in row.activities.all()
        )
    return plan


def copy_forward(source: Plan, *, year: int, user=None) -> Plan:
    """A draft copy of `source` for `year` (see `copy_plan`), with history for every object."""
    if Plan.objects.filter(unit=source.unit, year=year).exists():
        raise EditRefused(plan_exists_message(source.unit, year), field="year")
    try:
        with transaction.atomic():
            plan = copy_plan(source, year)
            # copy_plan bulk-creates activities, which leaves no history: record their birth.
            # Everything born of the copy is marked, so the history tells it as one event.
            reason = COPIED_FROM + source.academic_year
            activities = list(Activity.objects.filter(row__plan=plan))
            Activity.history.bulk_history_create(
                activities, default_user=user, default_change_reason=reason
            )
            Plan.history.filter(id=plan.pk, history_type="+").update(
                history_change_reason=reason, history_user=user
            )
            # (copy_plan sets each row's directions after creating it: a second record.)
            PlanRow.history.filter(plan_id=plan.pk).update(
                history_change_reason=reason, history_user=user
            )
    except IntegrityError:
        raise EditRefused(plan_exists_message(source.unit, year), field="year") from None
    return plan
