"""The consolidated plan of a year: every plan of that year the user may see."""

from plans import access
from plans.exports.document import PlanDocument
from plans.models import PlanRow
from plans.table import build_table, printed_rows

YEARS = range(2000, 2101)


def consolidated_plans(user, year: int) -> list:
    return list(
        access.plan_queryset(user).filter(year=year).order_by("unit__order", "unit__name")
    )


def rows_by_plan(plans) -> dict[int, list[PlanRow]]:
    """The rows of all these plans in a few queries, by plan."""
    by_plan: dict[int, list[PlanRow]] = {plan.pk: [] for plan in plans}
    for row in printed_rows(PlanRow.objects.filter(plan__in=plans)):
        by_plan[row.plan_id].append(row)
    return by_plan


def printed_documents(plans) -> list[PlanDocument]:
    """Each plan as printed (approval, table, diagram), the rows read in a few queries: the
    consolidated PDF's plans."""
    by_plan = rows_by_plan(plans)
    return [PlanDocument.build(plan, build_table(plan, rows=by_plan[plan.pk])) for plan in plans]


def consolidated_documents(user, year: int) -> list[PlanDocument]:
    """Every plan of the year the user may see, each with its table (no diagram), in few
    queries."""
    return plan_documents(consolidated_plans(user, year))


def plan_documents(plans) -> list[PlanDocument]:
    """These plans, each with its table (no diagram), in a fixed number of queries: what a page
    of the consolidated plan shows."""
    by_plan = rows_by_plan(plans)
    return [
        PlanDocument(
            plan=plan,
            institution=plan.unit.institution,
            title=str(plan.display_title),
            lines=build_table(plan, rows=by_plan[plan.pk]),
            approval=None,
            diagram_title="",
            with_diagram=False,
        )
        for plan in plans
    ]
