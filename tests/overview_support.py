"""A hand-built year for the execution view's tests (tests/test_execution_overview*.py).

Today is 15 December 2025 (academic year 2025/2026):

- unit «Тест» (the owner's), row with МБОУ СОШ № 4 (external, direction «экология»):
  «Экскурсии» October and November: October held (12 children, 2 adults, a regional diploma),
  November overdue; «Концерт» December: due; «Выставка» September: cancelled whole;
  «Консультации» as needed: held once in November (5 children), beyond the plan;
- unit «Другое» (the other teacher's), row with «Родители» (internal, no direction):
  «Собрание» September: overdue;
- unit «Без плана», a creative association with no plan for the year.
"""

from datetime import date

from execution.models import Achievement, ActivityChange, Occurrence
from partners.models import Tier
from plans.periods import Frequency
from tests.factories import (
    ActivityFactory,
    CategoryFactory,
    DirectionFactory,
    PartnerFactory,
    PlanFactory,
    PlanRowFactory,
    UnitFactory,
)
from tests.plan_editing_support import months

TODAY = date(2025, 12, 15)
YEAR = 2025


def freeze(monkeypatch, day=TODAY):
    monkeypatch.setattr("execution.overview.services.today", lambda: day)


def build_year(plan, other_unit):
    """The year described above; a dict of its objects by name."""
    schools = CategoryFactory(name="Образовательные организации", tier=Tier.EXTERNAL, order=2)
    families = CategoryFactory(name="Семьи", tier=Tier.INTERNAL, order=1)
    ecology = DirectionFactory(name="экология")
    school = PartnerFactory(name="МБОУ СОШ № 4", category=schools)
    parents = PartnerFactory(name="Родители", category=families)
    row = PlanRowFactory(plan=plan, partner=school, order=1)
    row.directions.add(ecology)
    trips = ActivityFactory(row=row, title="Экскурсии", months=months(10, 11))
    concert = ActivityFactory(row=row, title="Концерт", months=months(12))
    show = ActivityFactory(row=row, title="Выставка", months=months(9))
    advice = ActivityFactory(row=row, title="Консультации", months=0,
                             frequency=Frequency.AS_NEEDED.value)
    held = Occurrence.objects.create(activity=trips, date=date(2025, 10, 10), children=12,
                                     adults=2, result="Экскурсия в музей")
    Achievement.objects.create(occurrence=held, title="Диплом I степени",
                               level=Achievement.Level.REGIONAL, name="Иванова Анна")
    Occurrence.objects.create(activity=advice, date=date(2025, 11, 5), children=5)
    ActivityChange.objects.create(activity=show, kind=ActivityChange.Kind.CANCELLED,
                                  reason="Музей закрыт на ремонт")
    other_plan = PlanFactory(unit=other_unit, year=YEAR)
    other_row = PlanRowFactory(plan=other_plan, partner=parents, order=1)
    meeting = ActivityFactory(row=other_row, title="Собрание", months=months(9))
    no_plan = UnitFactory(name="Объединение «Без плана»")
    return {
        "schools": schools, "families": families, "ecology": ecology, "school": school,
        "parents": parents, "trips": trips, "concert": concert, "show": show, "advice": advice,
        "meeting": meeting, "other_plan": other_plan, "no_plan": no_plan,
    }
