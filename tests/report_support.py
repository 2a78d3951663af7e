"""A plan with a known execution, shared by the year-end report tests (not a test module).

The plan of 2025/2026 (the year is over when the tests run: every slot not held is overdue):

* «Экскурсии» with МБОУ СОШ № 4, pinned to October and November: held on 05.10.2025
  (10 children, 2 adults, a regional diploma), November missed: 2 planned, 1 held, 1 overdue;
* «Выставка» with the same school, pinned to December: cancelled for a quarantine;
* «Мастер-класс» with the library, pinned to March: held on 10.03.2026 (20 children) and once
  more on 02.04.2026 (5 children, 1 adult), beyond the plan.

Totals: planned 3, held 2, overdue 1, cancelled 1, beyond the plan 1, 67 %, children 35,
adults 3.
"""

from datetime import date

from execution.models import Achievement, ActivityChange, Occurrence
from partners.models import Tier
from tests.factories import ActivityFactory, CategoryFactory, PartnerFactory, PlanRowFactory
from tests.plan_editing_support import months

FIGURES = {
    "Запланировано": "3",
    "Проведено": "2",
    "Просрочено": "1",
    "Отменено": "1",
    "Проведено сверх плана": "1",
    "Выполнение плана, %": "67\u00a0%",
    "Участвовало детей": "35",
    "Участвовало взрослых": "3",
}


def figures_text() -> str:
    return " ".join(f"{label} {value}" for label, value in FIGURES.items())


def execute(plan):
    """Build the rows, activities and execution described above on ``plan`` (a draft)."""
    schools = CategoryFactory(name="Образовательные организации", tier=Tier.EXTERNAL, order=1)
    culture = CategoryFactory(name="Учреждения культуры", tier=Tier.EXTERNAL, order=2)
    school = PartnerFactory(name="МБОУ СОШ № 4", category=schools)
    library = PartnerFactory(name="Детская библиотека", category=culture)
    row1 = PlanRowFactory(plan=plan, partner=school, order=1)
    row2 = PlanRowFactory(plan=plan, partner=library, order=2)
    trips = ActivityFactory(row=row1, title="Экскурсии", months=months(10, 11), order=1)
    show = ActivityFactory(row=row1, title="Выставка", months=months(12), order=2)
    master = ActivityFactory(row=row2, title="Мастер-класс", months=months(3), order=1)
    held = Occurrence.objects.create(
        activity=trips, date=date(2025, 10, 5), children=10, adults=2, result="Экскурсия в музей"
    )
    Achievement.objects.create(
        occurrence=held, title="Диплом I степени", level=Achievement.Level.REGIONAL,
        name="Иванова Анна",
    )
    ActivityChange.objects.create(
        activity=show, month=12, kind=ActivityChange.Kind.CANCELLED, reason="Карантин"
    )
    Occurrence.objects.create(
        activity=master, date=date(2026, 3, 10), children=20, adults=0, result="Поделки"
    )
    Occurrence.objects.create(activity=master, date=date(2026, 4, 2), children=5, adults=1)
    return {"trips": trips, "show": show, "master": master, "rows": [row1, row2]}


def more_occurrences(plan, count: int):
    """``count`` more activities, each held twice with an achievement: to show that query
    counts do not grow."""
    row = PlanRowFactory(plan=plan, partner=PartnerFactory())
    for n in range(count):
        activity = ActivityFactory(row=row, title=f"Встреча {n}", months=months(9, 10))
        for day in (3, 4):
            occurrence = Occurrence.objects.create(
                activity=activity, date=date(2025, 9, day), children=n, adults=1
            )
            Achievement.objects.create(
                occurrence=occurrence, title="Грамота", level=Achievement.Level.MUNICIPAL,
                name=f"Группа {n}",
            )
        ActivityChange.objects.create(
            activity=activity, month=10, kind=ActivityChange.Kind.MOVED, to_month=11,
            reason="Каникулы",
        )
