"""The plan's table as people print it: numbering, group heading rows, period cells.

The table keeps the plan's own order, not the registry's: internal partners come first with no
heading, in row order; external partners follow under the heading of their category
(«Образовательные организации:»), the groups in the order the plan gives them (the order of each
group's first row, as written, imported or moved) and the rows of a group in row order. Heading
rows take a number of their own, as in the seed's table (8, 12, 15, 19, 23). Consecutive
activities of a row with the same period share one period cell.
"""

from dataclasses import dataclass, field

from partners.models import Category, Direction
from plans.models import Activity, Plan, PlanRow


@dataclass
class PeriodGroup:
    activities: list[Activity]
    text: str


@dataclass
class TableLine:
    number: int
    kind: str  # "row" or "heading"
    row: PlanRow | None = None
    category: Category | None = None
    activities: list[Activity] = field(default_factory=list)
    period_groups: list[PeriodGroup] = field(default_factory=list)

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"

    @property
    def span(self) -> int:
        """How many table lines this row takes in HTML (one per activity, at least one)."""
        return max(1, len(self.activities))


def group_periods(activities: list[Activity]) -> list[PeriodGroup]:
    groups: list[PeriodGroup] = []
    for activity in activities:
        text = activity.period_text
        if groups and groups[-1].text == text:
            groups[-1].activities.append(activity)
        else:
            groups.append(PeriodGroup([activity], text))
    return groups


def ordered_rows(rows) -> list[PlanRow]:
    """The plan's own order: internal rows first, then external groups by their first row."""
    rows = sorted(rows, key=lambda r: (r.order, r.pk))
    internal = [r for r in rows if r.partner.category.is_internal]
    groups: dict[int, list[PlanRow]] = {}
    for row in rows:
        if not row.partner.category.is_internal:
            groups.setdefault(row.partner.category_id, []).append(row)
    return internal + [row for group in groups.values() for row in group]


# What the plan page prints of an activity (its period included); the print and the exports
# take everything (`printed_rows`).
PAGE_ACTIVITY_FIELDS = ("id", "row_id", "title", "months", "frequency", "period_note", "order")


def page_rows(plan: Plan) -> list[PlanRow]:
    """The plan's rows with only what the plan page shows, in two queries.

    The activities come in one query joined on the plan (not an ``IN`` list of every row's id,
    as a prefetch would send) and are handed to each row as a list, `page_activities`.
    """
    rows = list(
        plan.rows.select_related("partner", "partner__category")
        .only("id", "plan_id", "order", "characteristic", "version", "partner__id",
              "partner__name", "partner__category", "partner__is_active")
        .order_by("order", "pk")
    )
    by_row: dict[int, list[Activity]] = {row.pk: [] for row in rows}
    activities = Activity.objects.filter(row__plan=plan).only(*PAGE_ACTIVITY_FIELDS)
    for activity in activities.order_by("order", "pk"):
        by_row.setdefault(activity.row_id, []).append(activity)
    for row in rows:
        row.page_activities = by_row[row.pk]
    return rows


def printed_rows(rows) -> list[PlanRow]:
    """These rows (a queryset) with everything the print and the exports show, in three
    queries whatever their number: partners and categories joined; the activities with their
    forms, and the directions, each in one query over the same rows, handed to each row as
    lists (`page_activities`, see `row_directions`). Django's prefetch builds a queryset per
    row: a third of a 2,000-row plan's DOCX or XLSX document."""
    loaded = list(rows.select_related("partner", "partner__category").order_by("order", "pk"))
    activities: dict[int, list[Activity]] = {row.pk: [] for row in loaded}
    directions: dict[int, list[Direction]] = {row.pk: [] for row in loaded}
    chosen = rows.order_by().values("pk")
    for activity in (Activity.objects.filter(row__in=chosen).select_related("form")
                     .order_by("order", "pk")):
        activities[activity.row_id].append(activity)
    links = (PlanRow.directions.through.objects.filter(planrow__in=chosen)
             .select_related("direction").order_by("direction__order", "direction__name"))
    for link in links:
        directions[link.planrow_id].append(link.direction)
    for row in loaded:
        row.page_activities = activities[row.pk]
        row.__dict__["_printed_directions"] = directions[row.pk]
    return loaded


def row_directions(row: PlanRow) -> list[Direction]:
    """The row's directions in their order, as `printed_rows` loaded them (else asked)."""
    loaded = row.__dict__.get("_printed_directions")
    return list(row.directions.all()) if loaded is None else loaded


def build_table(plan: Plan, rows=None) -> list[TableLine]:
    rows = ordered_rows(rows if rows is not None else printed_rows(plan.rows.all()))
    lines: list[TableLine] = []
    number = 0
    current_category = None
    for row in rows:
        category = row.partner.category
        if not category.is_internal and category != current_category:
            number += 1
            lines.append(TableLine(number=number, kind="heading", category=category))
            current_category = category
        number += 1
        activities = getattr(row, "page_activities", None)
        if activities is None:
            activities = list(row.activities.all())
        lines.append(
            TableLine(
                number=number,
                kind="row",
                row=row,
                category=category,
                activities=activities,
                period_groups=group_periods(activities),
            )
        )
    return lines
