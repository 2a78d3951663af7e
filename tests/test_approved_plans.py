"""Approved plans are immutable below the views: the editor, importer, copy, merge and admin."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db.transaction import atomic
from django.urls import reverse

from partners import policy
from partners.models import Direction, InteractionForm, Partner
from partners.services import merge_partners
from plans import workflow
from plans.editor import restoring
from plans.editor import services as editing
from plans.editor.copying import copy_forward
from plans.editor.restoring import restore_activity
from plans.editor.services import ActivityData, EditRefused
from plans.locking import PlanLocked
from plans.models import Activity, Plan, PlanRow
from tests.docx_builders import build_plan_docx
from tests.factories import (
    ActivityFactory,
    DirectionFactory,
    InteractionFormFactory,
    PartnerFactory,
    PlanFactory,
    PlanRowFactory,
    UserFactory,
)

LOCKED = "План «Творческое объединение «Тест» — 2025/2026» утверждён: верните его в черновик"


def approve(plan, administrator):
    plan.status = Plan.Status.APPROVED
    plan.approved_by = administrator
    plan.approved_at = date(2025, 8, 29)
    plan.save()
    return plan


@pytest.fixture
def direction(db):
    return DirectionFactory(name="социальное")


@pytest.fixture
def rows(plan, direction):
    first = PlanRowFactory(plan=plan, order=1, characteristic="Преемственность.")
    second = PlanRowFactory(plan=plan, partner__category=first.partner.category, order=2)
    first.directions.add(direction)
    ActivityFactory(row=first, title="Экскурсия", order=1)
    ActivityFactory(row=first, title="Конкурс", order=2)
    ActivityFactory(row=second, title="Беседа", order=1)
    return [first, second]


@pytest.fixture
def approved(plan, rows, administrator):
    return approve(plan, administrator)


def content(plan):
    """Everything of the plan that is printed, to compare before and after."""
    plan = Plan.objects.get(pk=plan.pk)
    return (
        (plan.unit_id, plan.year, plan.title, plan.status, plan.approved_at, plan.approval_order),
        [
            (r.pk, r.partner_id, r.characteristic, r.order, r.version,
             sorted(r.directions.values_list("pk", flat=True)))
            for r in PlanRow.objects.filter(plan=plan).order_by("pk")
        ],
        list(Activity.objects.filter(row__plan=plan).order_by("pk").values_list(
            "pk", "row_id", "title", "months", "order", "responsible", "version")),
    )


# --------------------------------------------------------------------------- the model layer


def model_writes(plan, first, second, direction):
    activity = first.activities.first()
    return {
        "row save": lambda: PlanRow.objects.filter(pk=first.pk).get().save(),
        "row create": lambda: PlanRow.objects.create(plan=plan, partner=PartnerFactory()),
        "rows update": lambda: plan.rows.update(characteristic="x"),
        "rows bulk_update": lambda: PlanRow.objects.bulk_update([first], ["order"]),
        "activity save": lambda: Activity.objects.get(pk=activity.pk).save(),
        "activity create": lambda: Activity.objects.create(row=first, title="Новое"),
        "activities update": lambda: Activity.objects.filter(row=first).update(title="x"),
        "activities bulk_create": lambda: Activity.objects.bulk_create(
            [Activity(row=second, title="Новое")]
        ),
        "activities bulk_update": lambda: Activity.objects.bulk_update([activity], ["title"]),
        "directions add": lambda: second.directions.add(direction),
        "directions remove": lambda: first.directions.remove(direction),
        "directions set": lambda: first.directions.set([]),
        "directions clear": lambda: first.directions.clear(),
        "direction's rows add": lambda: direction.plan_rows.add(second),
        "direction's rows clear": lambda: direction.plan_rows.clear(),
        "plan title": lambda: _save_title(plan),
        "plan update": lambda: Plan.objects.filter(pk=plan.pk).update(title="Другой"),
        "activity delete": lambda: Activity.objects.get(pk=activity.pk).delete(),
        "row delete": lambda: PlanRow.objects.get(pk=second.pk).delete(),
        "rows delete": lambda: plan.rows.all().delete(),
        "plan delete": lambda: Plan.objects.get(pk=plan.pk).delete(),
    }


def _save_title(plan):
    plan = Plan.objects.get(pk=plan.pk)
    plan.title = "Другой"
    plan.save()


def test_every_write_to_an_approved_plan_is_refused(approved, rows, direction):
    before = content(approved)
    for name, write in model_writes(approved, *rows, direction).items():
        with pytest.raises(PlanLocked, match="План «.*» утверждён") as refused, atomic():
            write()
        assert refused.value.plan.pk == approved.pk, name
        assert content(approved) == before, name


def test_a_row_cannot_move_out_of_an_approved_plan(approved, rows, unit):
    draft = PlanFactory(unit=unit, year=2026)
    row = PlanRow.objects.get(pk=rows[0].pk)
    row.plan = draft
    with pytest.raises(PlanLocked), atomic():
        row.save()
    activity = Activity.objects.filter(row=rows[0]).first()
    activity.row = PlanRowFactory(plan=draft)
    with pytest.raises(PlanLocked), atomic():
        activity.save()


def test_the_same_writes_work_on_a_draft(plan, rows, direction):
    for name, write in model_writes(plan, *rows, direction).items():
        # (simple-history cannot record a change made from the direction's side.)
        if name == "plan delete" or name.startswith("direction's"):
            continue
        write()
    assert Plan.objects.get(pk=plan.pk).title == "Другой"


def test_the_workflow_approves_and_an_administrator_reopens(plan, rows, owner, administrator):
    workflow.perform(plan, owner, "submit")
    plan = workflow.perform(plan, administrator, "approve", order_number="112-о")
    assert plan.is_approved and plan.approval_order == "112-о"
    with pytest.raises(PlanLocked), atomic():
        PlanRow.objects.filter(plan=plan).update(characteristic="x")
    plan = workflow.perform(plan, administrator, "reopen", comment="Исправить период")
    assert plan.status == Plan.Status.DRAFT and plan.approved_at is None
    PlanRow.objects.filter(plan=plan).update(characteristic="x")
    assert set(plan.rows.values_list("characteristic", flat=True)) == {"x"}


def test_the_message_names_the_plan(approved, rows):
    with pytest.raises(PlanLocked) as refused, atomic():
        rows[0].save()
    assert refused.value.message.startswith(LOCKED)
    assert refused.value.message.endswith("чтобы изменить.")


# --------------------------------------------------------------------------- the editor


def editor_calls(plan, first, second, user):
    activity = first.activities.first()
    data = ActivityData(title="x", form=None, months=1, frequency="", period_note="",
                        responsible="", note="")
    return {
        "add_row": lambda: editing.add_row(plan, partner=PartnerFactory(), user=user),
        "save_row": lambda: editing.save_row(
            first, version=first.version, partner=first.partner, characteristic="x",
            directions=[], user=user,
        ),
        "delete_row": lambda: editing.delete_row(second, user=user),
        "move_row": lambda: editing.move_row(second, up=True, user=user),
        "add_activity": lambda: editing.add_activity(first, data, user=user),
        "save_activity": lambda: editing.save_activity(
            activity, data, version=activity.version, user=user
        ),
        "delete_activity": lambda: editing.delete_activity(activity, user=user),
        "move_activity": lambda: editing.move_activity(activity, up=False, user=user),
    }


def test_the_editors_services_refuse_an_approved_plan(approved, rows, owner):
    before = content(approved)
    for name, call in editor_calls(approved, *rows, owner).items():
        with pytest.raises(EditRefused), atomic():
            call()
        assert content(approved) == before, name


def test_the_editors_services_hit_the_guard_without_their_own_check(
    approved, rows, owner, monkeypatch
):
    # Were the editor's own check lost, the model layer still refuses every change.
    monkeypatch.setattr(editing, "lock", lambda plan: Plan.objects.get(pk=plan.pk))
    before = content(approved)
    for name, call in editor_calls(approved, *rows, owner).items():
        with pytest.raises(PlanLocked), atomic():
            call()
        assert content(approved) == before, name


def test_restoring_into_an_approved_plan_is_refused(plan, rows, owner, administrator,
                                                    monkeypatch):
    activity = rows[0].activities.first()
    history_id = editing.delete_activity(activity, user=owner)
    approve(plan, administrator)
    with pytest.raises(EditRefused), atomic():
        restore_activity(plan, history_id, user=owner)
    monkeypatch.setattr(restoring, "lock", lambda plan: Plan.objects.get(pk=plan.pk))
    with pytest.raises(PlanLocked), atomic():
        restore_activity(plan, history_id, user=owner)
    assert not Activity.objects.filter(pk=activity.pk).exists()


# --------------------------------------------------------------------------- import, copy, merge


@pytest.fixture
def docx_file(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(build_plan_docx([["1.", "ГИБДД", "", "Экскурсия", "Октябрь"]]))
    return str(path)


def test_the_importer_refuses_an_approved_plan(approved, rows, unit, docx_file):
    before = content(approved)
    with pytest.raises(CommandError), atomic():
        call_command("import_plan", docx_file, unit=unit.name, year="2025/2026")
    assert content(approved) == before


def test_the_importer_hits_the_guard_on_an_empty_approved_plan(
    plan, unit, administrator, docx_file, monkeypatch
):
    approve(plan, administrator)
    monkeypatch.setattr(Plan, "is_editable", property(lambda self: True))
    with pytest.raises(PlanLocked), atomic():
        call_command("import_plan", docx_file, unit=unit.name, year="2025/2026")
    assert not PlanRow.objects.exists() and not Partner.objects.filter(name="ГИБДД").exists()


def test_copying_an_approved_plan_forward_makes_a_draft(approved, rows, owner):
    copy = copy_forward(approved, year=2026, user=owner)
    assert copy.status == Plan.Status.DRAFT
    assert copy.rows.count() == 2
    assert Activity.objects.filter(row__plan=copy).count() == 3
    assert Plan.objects.get(pk=approved.pk).is_approved


def test_copying_into_an_approved_plan_fails(plan, rows, unit, owner, administrator):
    target = approve(PlanFactory(unit=unit, year=2026), administrator)
    target_row = PlanRowFactory(plan=PlanFactory(year=2027), order=1)
    with pytest.raises(EditRefused), atomic():
        copy_forward(plan, year=2026, user=owner)
    assert not target.rows.exists()
    # copy_plan's own writes (a row, then its activities in bulk) into an approved plan:
    with pytest.raises(PlanLocked), atomic():
        PlanRow.objects.create(plan=target, partner=target_row.partner)
    approve(target_row.plan, administrator)
    with pytest.raises(PlanLocked), atomic():
        Activity.objects.bulk_create([Activity(row=target_row, title="Копия")])
    assert not Activity.objects.filter(row=target_row).exists()


def test_a_merge_never_changes_an_approved_plan(approved, rows):
    drop = rows[0].partner
    keep = PartnerFactory(name="Оставить", category=drop.category)
    before = content(approved)
    with pytest.raises(Exception), atomic():  # noqa: B017 - the merge's own refusal, or PlanLocked
        merge_partners(keep, drop)
    assert content(approved) == before
    assert Partner.objects.filter(pk=drop.pk).exists()


# --------------------------------------------------------------------------- the admin


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


def test_the_admin_shows_a_message_instead_of_changing_an_approved_row(
    client, superuser, approved, rows, monkeypatch
):
    client.force_login(superuser)
    row = rows[0]
    page = reverse("admin:plans_planrow_change", args=[row.pk])
    before = content(approved)
    form = {
        "plan": approved.pk, "partner": row.partner_id, "characteristic": "Другая",
        "order": row.order, "version": row.version, "directions": [],
        "activities-TOTAL_FORMS": "0", "activities-INITIAL_FORMS": "0",
        "activities-MIN_NUM_FORMS": "0", "activities-MAX_NUM_FORMS": "1000",
    }
    # The policy makes the row read-only in the admin: a change is forbidden.
    assert client.post(page, form).status_code == 403
    assert content(approved) == before

    # Were the policy's check lost, the lock underneath still refuses, with a message.
    monkeypatch.setattr(policy, "may_edit_plan", lambda user, plan: True)
    monkeypatch.setattr(policy, "editable_plans", lambda queryset, user: queryset)
    response = client.post(page, form)
    assert response.status_code == 302 and response["Location"] == page
    assert LOCKED in client.get(page).content.decode()
    assert content(approved) == before

    response = client.post(reverse("admin:plans_planrow_delete", args=[row.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert content(approved) == before


def test_the_admin_cannot_retitle_or_reopen_an_approved_plan(
    client, superuser, approved, monkeypatch
):
    client.force_login(superuser)
    page = reverse("admin:plans_plan_change", args=[approved.pk])
    form = {
        "unit": approved.unit_id, "year": approved.year, "title": "Другой", "status": "draft",
        "rows-TOTAL_FORMS": "0", "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0", "rows-MAX_NUM_FORMS": "1000",
        "transitions-TOTAL_FORMS": "0", "transitions-INITIAL_FORMS": "0",
        "transitions-MIN_NUM_FORMS": "0", "transitions-MAX_NUM_FORMS": "1000",
    }
    # The policy makes an approved plan read-only in the admin.
    assert client.post(page, form).status_code == 403
    # Were that check lost, the lock underneath refuses with a message.
    monkeypatch.setattr(policy, "may_edit_plan", lambda user, plan: True)
    response = client.post(page, form)
    assert response.status_code == 302 and response["Location"] == page
    assert LOCKED in client.get(page).content.decode()
    plan = Plan.objects.get(pk=approved.pk)
    assert (plan.title, plan.status) == ("", Plan.Status.APPROVED)


# --------------------------------------------------------------------------- the registry's lists


@pytest.fixture
def excursion(rows):
    """A form of interaction the first row's «Экскурсия» is held as (set while a draft)."""
    form = InteractionFormFactory(name="Экскурсия")
    Activity.objects.filter(row=rows[0], title="Экскурсия").update(form=form)
    return form


def forms_of(plan):
    return list(Activity.objects.filter(row__plan=plan).order_by("pk")
                .values_list("form_id", flat=True))


def test_a_direction_or_form_an_approved_plan_prints_is_not_deleted(
    excursion, approved, rows, direction
):
    """Deleting them would drop them from the plan's rows and activities underneath the
    row and activity signals (the through table, SET_NULL): the lock refuses it first."""
    before, forms = content(approved), forms_of(approved)
    deletions = {
        "direction": lambda: Direction.objects.get(pk=direction.pk).delete(),
        "directions": lambda: Direction.objects.filter(pk=direction.pk).delete(),
        "form": lambda: InteractionForm.objects.get(pk=excursion.pk).delete(),
        "forms": lambda: InteractionForm.objects.all().delete(),
    }
    for name, delete in deletions.items():
        with pytest.raises(PlanLocked, match="утверждён"), atomic():
            delete()
        assert content(approved) == before and forms_of(approved) == forms, name
    unused = DirectionFactory(name="не используется")
    unused.delete()  # one no approved plan prints goes


def test_a_draft_loses_a_deleted_direction_or_form(excursion, plan, rows, direction):
    direction.delete()
    excursion.delete()
    assert list(rows[0].directions.all()) == []
    assert forms_of(plan) == [None, None, None]


def test_the_admin_lists_the_approved_plan_instead_of_deleting(
    client, superuser, excursion, approved, direction
):
    client.force_login(superuser)
    for obj, name in ((direction, "direction"), (excursion, "interactionform")):
        page = reverse(f"admin:partners_{name}_delete", args=[obj.pk])
        assert LOCKED in client.get(page).content.decode()
        response = client.post(page, {"post": "yes"})
        assert response.status_code == 200 and LOCKED in response.content.decode()
        response = client.post(reverse(f"admin:partners_{name}_changelist"), {
            "action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"})
        assert response.status_code == 200 and LOCKED in response.content.decode()
        assert type(obj).objects.filter(pk=obj.pk).exists()
    client.post(reverse("admin:partners_direction_delete", args=[DirectionFactory().pk]),
                {"post": "yes"})
    assert list(Direction.objects.all()) == [direction]  # an unused one is deleted
