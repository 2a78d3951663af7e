"""The XLSX contract (issue 9 item 9): the plan XLSX carries every field of a row and an
activity (partner, category, tier, directions, characteristic, activity, form, period,
responsible person, note, participants, result), and `manage.py import_plan` reads them back.

Export with the real exporter, import into a new unit with the command, export again: the data
cells are the same, for the seed's plan and for generated plans."""

import io
import itertools

from django.core.management import call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from partners.models import Tier
from plans.exports import XlsxExporter
from plans.models import Activity, Plan
from plans.periods import Frequency, Period
from plans.table import build_table
from tests.factories import (
    ActivityFactory,
    CategoryFactory,
    DirectionFactory,
    InteractionFormFactory,
    PartnerFactory,
    PlanFactory,
    PlanRowFactory,
    UnitFactory,
)
from tests.print_support import seed_plans

NEW_COLUMNS = slice(22, 26)  # Ответственный, Примечание, Участники, Результат


def data_cells(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def round_trip(plan, directory, unit_name: str) -> tuple[list[list], list[list]]:
    first = XlsxExporter(plan).render()
    path = directory / "plan.xlsx"
    path.write_bytes(first)
    call_command("import_plan", str(path), unit=unit_name, year=str(plan.year),
                 create_unit=True, stdout=io.StringIO())
    copy = Plan.objects.get(unit__name=unit_name, year=plan.year)
    return data_cells(first), data_cells(XlsxExporter(copy).render())


def plan_data(plan) -> list:
    """Every field the XLSX is to carry, row by row (in the table's order) and activity by
    activity."""
    return [
        [
            line.row.partner_id, line.row.characteristic,
            sorted(d.name for d in line.row.directions.all()),
            [
                [a.title, a.form_id, a.months, a.frequency, a.period_note, a.responsible,
                 a.note, a.participants, a.result]
                for a in line.activities
            ],
        ]
        for line in build_table(plan)
        if not line.is_heading
    ]


# --- the seed's plan ------------------------------------------------------------------------
def test_it_gives_the_same_cells_after_importing_the_seed_plan_into_a_new_unit(demo, tmp_path):
    approved, _draft = seed_plans()
    before, after = round_trip(approved, tmp_path, "Студия «Копия»")
    assert len(before) == 1 + Activity.objects.filter(row__plan=approved).count() + 8
    assert after == before


def fill_new_fields(plan) -> None:
    """The seed has no responsible person, note, participants or result: give some."""
    activities = Activity.objects.filter(row__plan=plan).order_by("pk")
    for n, activity in enumerate(activities[:12]):
        activity.responsible = f"Иванова А. А. {n}"
        activity.note = f"=Примечание {n}\nвторая строка" if n % 3 == 0 else f"Примечание {n}"
        activity.participants = n * 5 if n % 4 else None
        activity.result = f"-Результат {n}" if n % 2 else f"Фотоотчёт {n}"
        activity.save()


def test_it_keeps_the_responsible_note_participants_and_result_of_the_seed_plan(
    demo, tmp_path
):
    # The seed's draft copy: an approved plan's content cannot change (plans.locking).
    _approved, draft = seed_plans()
    fill_new_fields(draft)
    before, after = round_trip(draft, tmp_path, "Студия «Копия»")
    assert sum(1 for line in before[1:] if any(line[NEW_COLUMNS])) == 12
    assert after == before
    copy = Plan.objects.get(unit__name="Студия «Копия»")
    assert plan_data(copy) == plan_data(draft)


# --- generated plans ------------------------------------------------------------------------
PAYLOADS = ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "=1+1", "#N/A"]
WORD = st.text(
    alphabet="абвгдеёжзийклмнопрстуфхцчшщыьэюяАБВГДabcxyzXYZ0123456789.,!?«»\"'№%&<>/*",
    min_size=1, max_size=10,
)
TEXT = st.one_of(
    st.lists(WORD, min_size=1, max_size=4).map(" ".join),
    st.sampled_from(PAYLOADS),
    st.tuples(st.sampled_from(["=", "+", "-", "@"]), WORD).map("".join),
)
OPTIONAL_TEXT = st.one_of(st.just(""), TEXT)
LINES = st.one_of(OPTIONAL_TEXT, st.lists(TEXT, min_size=2, max_size=3).map("\n".join))
NOTE = st.one_of(st.just(""), st.lists(st.text(alphabet="абвгдежз", min_size=2, max_size=8),
                                      min_size=1, max_size=3).map(" ".join))
PERIOD = st.builds(
    lambda months, frequency, note: Period(months=months, frequency=frequency, note=note),
    st.frozensets(st.integers(1, 12), max_size=4),
    st.sampled_from(["", *Frequency.values]),
    NOTE,
).filter(lambda period: period.is_valid)
ACTIVITY = st.fixed_dictionaries({
    "title": TEXT,
    "form": st.integers(0, 2),
    "period": PERIOD,
    "responsible": OPTIONAL_TEXT,
    "note": LINES,
    "participants": st.one_of(st.none(), st.integers(0, 100_000)),
    "result": LINES,
})
ROW = st.fixed_dictionaries({
    "name": TEXT,
    "category": st.integers(0, 2),
    "characteristic": LINES,
    "directions": st.sets(st.integers(0, 2), max_size=3),
    "activities": st.lists(ACTIVITY, max_size=3),
})
PLAN = st.lists(ROW, min_size=1, max_size=5)
counter = itertools.count()


def build_plan(rows: list[dict]) -> Plan:
    categories = [
        CategoryFactory(name="Отделы центра", tier=Tier.INTERNAL, order=1),
        CategoryFactory(name="Учреждения культуры", tier=Tier.EXTERNAL, order=2),
        CategoryFactory(name="Образовательные организации", tier=Tier.EXTERNAL, order=3),
    ]
    directions = [DirectionFactory(name=f"направление {n}", order=n) for n in range(3)]
    forms = [InteractionFormFactory(name=name, order=n)
             for n, name in enumerate(["Экскурсии", "Мастер-классы", "Конкурсы"])]
    plan = PlanFactory(unit=UnitFactory(name=f"Объединение «Источник {next(counter)}»"))
    for index, shape in enumerate(rows):
        partner = PartnerFactory(name=f"{shape['name']} П{index}",
                                 category=categories[shape["category"]])
        row = PlanRowFactory(plan=plan, partner=partner, order=index,
                             characteristic=shape["characteristic"])
        row.directions.set([directions[n] for n in shape["directions"]])
        for position, item in enumerate(shape["activities"]):
            activity = ActivityFactory.build(
                row=row, order=position, title=item["title"], form=forms[item["form"]],
                responsible=item["responsible"], note=item["note"],
                participants=item["participants"], result=item["result"],
            )
            activity.period = item["period"]
            activity.save()
    return plan


GENERATED = settings(
    max_examples=20, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@GENERATED
@given(rows=PLAN)
def test_it_gives_the_same_cells_and_data_for_generated_plans(db, tmp_path, rows):
    with transaction.atomic():
        plan = build_plan(rows)
        unit_name = f"Объединение «Копия {next(counter)}»"
        before, after = round_trip(plan, tmp_path, unit_name)
        source, copy = plan_data(plan), plan_data(Plan.objects.get(unit__name=unit_name))
        transaction.set_rollback(True)
    assert after == before
    assert copy == source




def test_it_keeps_an_activity_without_a_form_without_one(db, tmp_path):
    InteractionFormFactory(name="Экскурсии")
    plan = PlanFactory(unit=UnitFactory(name="Объединение «Источник»"))
    row = PlanRowFactory(plan=plan, partner=PartnerFactory(name="Краеведческий музей"))
    ActivityFactory(row=row, title="Экскурсия в музей", form=None)
    before, after = round_trip(plan, tmp_path, "Объединение «Копия»")
    assert after == before
