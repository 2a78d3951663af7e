"""The plan table: internal rows first, groups in the plan's order, headings numbered, periods."""

from partners.models import Tier
from plans.table import build_table
from tests.factories import ActivityFactory, CategoryFactory, PartnerFactory, PlanRowFactory


def test_it_numbers_headings_and_puts_internal_partners_first_then_the_plans_groups(plan):
    internal = CategoryFactory(name="Отделы", tier=Tier.INTERNAL, order=1)
    schools = CategoryFactory(name="Образовательные организации", tier=Tier.EXTERNAL, order=1)
    police = CategoryFactory(name="Правоохранительные органы", tier=Tier.EXTERNAL, order=2)
    PlanRowFactory(plan=plan, partner=PartnerFactory(name="ГИБДД", category=police), order=1)
    PlanRowFactory(plan=plan, partner=PartnerFactory(name="СОШ", category=schools), order=2)
    PlanRowFactory(plan=plan, partner=PartnerFactory(name="Отдел", category=internal), order=3)

    lines = build_table(plan)

    assert [(line.number, line.kind, line.row.partner.name if line.row else line.category.name)
            for line in lines] == [
        (1, "row", "Отдел"),
        (2, "heading", "Правоохранительные органы"),
        (3, "row", "ГИБДД"),
        (4, "heading", "Образовательные организации"),
        (5, "row", "СОШ"),
    ]


def test_it_merges_consecutive_equal_periods(plan):
    row = PlanRowFactory(plan=plan)
    ActivityFactory(row=row, months=1 << 9, order=1)
    ActivityFactory(row=row, months=1 << 9, order=2)
    ActivityFactory(row=row, months=1 << 4, order=3)

    heading, line = build_table(plan)

    assert heading.is_heading

    assert [len(group.activities) for group in line.period_groups] == [2, 1]
    assert line.span == 3
