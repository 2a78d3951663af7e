"""Copying a plan forward to another academic year."""

from django.db import transaction

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
