"""`manage.py demo`: the seed's «Рукодельница» plan as live data, idempotent."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from partners.models import Category, Partner, Unit
from plans import demo_data
from plans.models import Activity, Plan, PlanRow, current_academic_year
from plans.table import build_table

pytestmark = pytest.mark.django_db

SEED_NUMBERED = [
    (1, "Организационно-педагогический отдел"),
    (2, "Психолого-педагогический отдел"),
    (3, "Методический отдел"),
    (4, "Выставочные залы мини-зоопарка"),
    (5, "Выставочные залы военно-патриотического музея «Память»"),
    (6, "Творческие объединения"),
    (7, "Родители, законные представители"),
    (8, "Образовательные организации:"),
    (9, "МБОУ СОШ № 4"),
    (10, "МБОУ гимназия"),
    (11, "Детский сад «Тополёк»"),
    (12, "Медицинские и спортивные учреждения:"),
    (13, "Ледовый дворец"),
    (14, "МУЗ СЦРБ"),
    (15, "Правоохранительные органы:"),
    (16, "ГИБДД"),
    (17, "ОМВД"),
    (18, "ПЧ-48"),
    (19, "Учреждения культуры:"),
    (20, "РЦКиД «Сибирь»"),
    (21, "Детская библиотека"),
    (22, "Музей истории ремесел Советского района"),
    (23, "Учреждения социальной защиты:"),
    (24, "Реабилитационный центр «Солнышко»"),
    (25, "КЦСОН «Ирида»"),
]


def approved_plan():
    return Plan.objects.get(
        unit__name="Творческое объединение «Рукодельница»", year=current_academic_year() - 1
    )


def test_it_loads_the_seed_plan_with_its_25_numbered_lines(demo):
    lines = build_table(approved_plan())

    printed = [
        (line.number, line.category.heading if line.is_heading else line.row.partner.name)
        for line in lines
    ]
    assert printed == SEED_NUMBERED


def test_it_keeps_the_eight_empty_rows_empty(demo):
    plan = approved_plan()
    empty = sorted(
        row.partner.name for row in plan.rows.all() if not row.activities.exists()
    )
    assert empty == sorted(demo_data.EMPTY_PARTNERS)


def test_it_stores_every_period_as_data(demo):
    plan = approved_plan()
    activities = Activity.objects.filter(row__plan=plan)
    assert activities.count() == sum(len(r[3]) for r in demo_data.RUKODELNITSA_ROWS)
    assert not activities.filter(months=0, frequency="").exists()
    zoo = activities.filter(row__partner__name="Выставочные залы мини-зоопарка").order_by("order")
    assert [a.period_text for a in zoo] == ["Май–июнь", "Октябрь", "Декабрь–январь"]
    ice = activities.filter(row__partner__name="Ледовый дворец")
    assert {a.frequency for a in ice} == {"quarterly"}


def test_it_makes_last_year_approved_and_this_year_a_draft_copy(demo):
    approved = approved_plan()
    draft = Plan.objects.get(unit=approved.unit, year=approved.year + 1)
    assert approved.status == Plan.Status.APPROVED
    assert approved.approved_by.username == "admin"
    assert draft.status == Plan.Status.DRAFT
    assert draft.rows.count() == approved.rows.count() == 20
    assert Activity.objects.filter(row__plan=draft).count() == Activity.objects.filter(
        row__plan=approved
    ).count()


def test_it_creates_the_demo_users_with_their_roles_and_units(demo):
    users = {u.username: u for u in get_user_model().objects.prefetch_related("groups", "units")}
    assert {g.name for g in users["admin"].groups.all()} == {"Administrator"}
    assert {g.name for g in users["methodist"].groups.all()} == {"Methodist"}
    assert [u.name for u in users["teacher"].units.all()] == [
        "Творческое объединение «Рукодельница»"
    ]
    assert [u.name for u in users["teacher2"].units.all()] == [
        "Театральное объединение «Хорошее настроение»"
    ]
    assert users["teacher"].check_password("secret-pass-123")


def test_it_registers_every_partner_and_category_of_the_seed(demo):
    assert Partner.objects.count() == len(demo_data.PARTNERS)
    assert Category.objects.count() == len(demo_data.CATEGORIES)
    assert Unit.objects.count() == len(demo_data.UNITS)


def test_it_changes_nothing_on_a_second_run(demo):
    def snapshot():
        models = [Partner, Category, Unit, Plan, PlanRow, Activity, get_user_model()]
        counts = {m.__name__: m.objects.count() for m in models}
        counts["history"] = sum(
            m.history.count() for m in [Partner, Plan, PlanRow, Activity]
        )
        counts["passwords"] = sorted(get_user_model().objects.values_list("password", flat=True))
        return counts

    before = snapshot()
    call_command("demo", password="secret-pass-123", stdout=io.StringIO())
    call_command("demo", stdout=io.StringIO())
    assert snapshot() == before


def test_it_prints_a_random_password_once_when_none_is_given(db, monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "password" in out.getvalue().lower()
    again = io.StringIO()
    call_command("demo", stdout=again)
    assert "password" not in again.getvalue().lower()
