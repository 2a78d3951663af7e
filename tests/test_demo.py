"""`manage.py demo`: the seed's «Рукодельница» plans as live data, and the showcase beyond
the seed (agreements, partnerships, teacher2's plan on review); idempotent."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from partners import policy, stages, uploads
from partners.models import Agreement, Category, Partner, Partnership, Stage, Unit
from plans import demo_data
from plans.demo import showcase
from plans.models import (
    Activity,
    Comment,
    Plan,
    PlanRow,
    PlanTransition,
    current_academic_year,
)
from plans.table import build_table
from tests.print_support import pdf_contains, pdf_pages

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
        models = [Partner, Category, Unit, Plan, PlanRow, Activity, get_user_model(),
                  Agreement, Partnership, Comment, PlanTransition]
        counts = {m.__name__: m.objects.count() for m in models}
        counts["history"] = sum(
            m.history.count() for m in [Partner, Plan, PlanRow, Activity, Agreement, Partnership]
        )
        counts["files"] = sorted(Agreement.objects.values_list("file", flat=True))
        counts["annexes"] = sorted(Agreement.plan_rows.through.objects.values_list(
            "agreement_id", "planrow_id"
        ))
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


# --- the showcase: agreements, partnerships, teacher2's plan on review (issue 11, item 9) ---


def rukodelnitsa_plans():
    approved = approved_plan()
    return approved, Plan.objects.get(unit=approved.unit, year=approved.year + 1)


def test_it_loads_agreements_in_force_expiring_and_expired(demo):
    today = timezone.localdate()
    agreements = Agreement.objects.select_related("partner", "unit")
    statuses = sorted(a.status_on(today) for a in agreements)
    assert statuses == ["expired", "expiring", "in_force", "in_force"]
    assert agreements.filter(valid_until__isnull=True).count() == 1, "one is open-ended"
    assert {a.unit.name for a in agreements} == {showcase.RUKODELNITSA}
    assert {a.number for a in agreements} == {"12/СП", "15/СП", "7/СП", "3/СП"}
    for agreement in agreements:
        assert agreement.subject and agreement.signed_on < agreement.valid_from
    assert {a.partner.name for a in agreements} == {a[1] for a in showcase.AGREEMENTS}


def test_it_gives_every_agreement_a_signed_pdf_that_passes_the_upload_checks(demo):
    for agreement in Agreement.objects.all():
        assert agreement.file_name == (
            f"Договор о сотрудничестве № {agreement.number.replace('/', '-')}.pdf"
        )
        with agreement.file.open("rb") as handle:
            assert uploads.validate_agreement_file(handle) == uploads.PDF
            handle.seek(0)
            pages = pdf_pages(handle.read())
        assert len(pages) == 1
        assert pdf_contains(pages[0], f"ДОГОВОР О СОТРУДНИЧЕСТВЕ № {agreement.number}")
        assert pdf_contains(pages[0], agreement.partner.name)


def test_it_annexes_the_rukodelnitsa_rows_with_the_agreements_partner(demo):
    approved, draft = rukodelnitsa_plans()
    annexes = {
        a.number: sorted((row.plan.year, row.partner_id) for row in a.plan_rows.all())
        for a in Agreement.objects.prefetch_related("plan_rows__plan")
    }
    school = Agreement.objects.get(number="12/СП").partner_id
    assert annexes["12/СП"] == [(approved.year, school), (draft.year, school)]
    assert [year for year, _p in annexes["3/СП"]] == [approved.year], "expired: last year"
    for agreement in Agreement.objects.prefetch_related("plan_rows"):
        assert agreement.plan_rows.exists()
        assert {row.partner_id for row in agreement.plan_rows.all()} == {agreement.partner_id}


def test_it_loads_a_partnership_at_each_stage_with_its_checklist_partly_done(demo):
    partnerships = list(Partnership.objects.all())
    assert len(partnerships) == len(showcase.PARTNERSHIPS)
    assert {p.stage for p in partnerships} == set(Stage.values)
    for partnership in partnerships:
        done, total = stages.progress(partnership)
        assert 0 < done < total, partnership
        for checklist in stages.checklists_for(partnership):
            if checklist.is_passed:
                assert checklist.done_count == len(checklist.items), partnership


def nastroenie_plan():
    return Plan.objects.get(unit__name=showcase.NASTROENIE, year=current_academic_year())


def test_it_loads_teacher2s_plan_on_review_with_two_open_remarks(demo):
    plan = nastroenie_plan()
    teacher2 = get_user_model().objects.get(username="teacher2")
    assert plan.status == Plan.Status.REVIEW and plan.submitted_at <= timezone.now()
    assert policy.may_see_plan(teacher2, plan)
    assert 9 <= plan.rows.count() <= 11
    assert [line.row.partner.name for line in build_table(plan) if not line.is_heading] == [
        name for name, *_rest in showcase.NASTROENIE_ROWS
    ]
    activities = Activity.objects.filter(row__plan=plan)
    assert activities.count() == sum(len(r[3]) for r in showcase.NASTROENIE_ROWS)
    assert not activities.filter(months=0, frequency="").exists(), "every period is data"
    assert not plan.rows.filter(directions=None).exists()
    (transition,) = plan.transitions.all()
    assert (transition.from_status, transition.to_status, transition.by) == (
        Plan.Status.DRAFT, Plan.Status.REVIEW, teacher2
    )
    remarks = list(plan.comments.all())
    assert len(remarks) == 2
    assert all(r.is_open and r.author.username == "methodist" for r in remarks)
    assert {r.row.partner.name if r.row else None for r in remarks} == {
        "Реабилитационный центр «Солнышко»", None
    }


def test_it_writes_no_history_for_what_it_adds_beyond_the_seed(demo):
    plan = nastroenie_plan()
    assert not Plan.history.filter(id=plan.pk).exists()
    assert not PlanRow.history.filter(plan_id=plan.pk).exists()
    assert not Activity.history.filter(row_id__in=plan.rows.values("pk")).exists()
    assert not Agreement.history.exists()
    assert not Partnership.history.exists()


def test_it_shows_the_showcase_on_the_pages_of_each_role(demo, client):
    users = get_user_model().objects
    client.force_login(users.get(username="admin"))
    listing = client.get(reverse("agreements:list")).content.decode()
    for agreement in Agreement.objects.all():
        assert agreement.number in listing
        assert client.get(agreement.get_absolute_url()).status_code == 200
        download = client.get(reverse("agreements:file", args=[agreement.pk]))
        assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    for partnership in Partnership.objects.all():
        assert client.get(reverse("partners:partnership", args=[partnership.pk])).status_code == 200
    plan = nastroenie_plan()
    for username in ["teacher2", "methodist"]:
        client.force_login(users.get(username=username))
        page = client.get(plan.get_absolute_url()).content.decode()
        assert "Центр комплексного обслуживания «Дарина»" in page
        assert "Добавьте в план работу с ГИБДД" in page
