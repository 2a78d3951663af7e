"""The access policy as a table: every role × every question × an object of unit A or unit B.

Unit A is the teacher's own unit, unit B is teacher2's: so for the teacher A is «own» and B is
«another unit», and the other way round for teacher2. The user with no group is a member of A,
to show what membership alone gives (it reads, it keeps nothing). Each expectation is a pair:
(the answer for A's object, the answer for B's object); plan questions are asked of a plan in
each status.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from partners import policy, roles
from partners.models import Agreement, Unit
from plans.models import Plan
from tests.factories import PlanFactory, PlanRowFactory, UnitFactory, UserFactory, drafted

ROLES = ["teacher", "teacher2", "methodist", "administrator", "anonymous", "nogroup"]
STATUSES = [Plan.Status.DRAFT, Plan.Status.REVIEW, Plan.Status.APPROVED]
Y, N = True, False


def table(teacher, teacher2, methodist, administrator, anonymous, nogroup):
    return dict(zip(ROLES, [teacher, teacher2, methodist, administrator, anonymous, nogroup],
                    strict=True))


SEES = table((Y, N), (N, Y), (Y, Y), (Y, Y), (N, N), (Y, N))
KEEPS = table((Y, N), (N, Y), (N, N), (Y, Y), (N, N), (N, N))
ADMIN_ONLY = table((N, N), (N, N), (N, N), (Y, Y), (N, N), (N, N))
REVIEWERS = table((N, N), (N, N), (Y, Y), (Y, Y), (N, N), (N, N))
NOBODY = table(*[(N, N)] * 6)
RESOLVERS = table((Y, N), (N, Y), (Y, Y), (Y, Y), (N, N), (N, N))

# question -> {status: expectations}; a question that ignores the status has one for all.
PLAN_QUESTIONS = {
    "may_see_plan": dict.fromkeys(STATUSES, SEES),
    "may_ever_edit_plan": dict.fromkeys(STATUSES, KEEPS),
    "may_edit_plan": {"draft": KEEPS, "review": NOBODY, "approved": NOBODY},
    "may_submit": {"draft": KEEPS, "review": NOBODY, "approved": NOBODY},
    "may_withdraw": {"draft": NOBODY, "review": KEEPS, "approved": NOBODY},
    "may_comment": dict.fromkeys(STATUSES, REVIEWERS),
    "may_resolve_comments": dict.fromkeys(STATUSES, RESOLVERS),
    "may_return": {"draft": NOBODY, "review": REVIEWERS, "approved": NOBODY},
    "may_approve": {"draft": NOBODY, "review": ADMIN_ONLY, "approved": NOBODY},
    "may_reopen": {"draft": NOBODY, "review": NOBODY, "approved": ADMIN_ONLY},
}

# Questions about the user alone: (teacher, teacher2, methodist, administrator, anonymous,
# nogroup).
USER_QUESTIONS = {
    "may_review": (N, N, Y, Y, N, N),
    "may_create_plans": (Y, Y, N, Y, N, N),
    "may_import_plans": (Y, Y, N, Y, N, N),
    "may_add_holder_objects": (Y, Y, N, Y, N, N),
    "may_manage_registry": (N, N, N, Y, N, N),
    "may_manage_institution": (N, N, N, Y, N, N),
    "may_create_units": (N, N, N, Y, N, N),
    "may_use_admin": (N, N, N, Y, N, N),
    "sees_all_units": (N, N, Y, Y, N, N),
}


@pytest.fixture
def world(db):
    unit_a, unit_b = UnitFactory(name="Объединение А"), UnitFactory(name="Объединение Б")
    users = {
        "teacher": UserFactory(username="teacher", role=roles.TEACHER),
        "teacher2": UserFactory(username="teacher2", role=roles.TEACHER),
        "methodist": UserFactory(username="methodist", role=roles.METHODIST),
        "administrator": UserFactory(username="admin", role=roles.ADMINISTRATOR),
        "anonymous": AnonymousUser(),
        "nogroup": UserFactory(username="nogroup"),
    }
    unit_a.members.add(users["teacher"], users["nogroup"])
    unit_b.members.add(users["teacher2"])
    plans = {
        (status, name): PlanFactory(unit=unit, year=2020 + index, status=status)
        for index, status in enumerate(STATUSES)
        for name, unit in [("A", unit_a), ("B", unit_b)]
    }
    agreements = {
        name: Agreement.objects.create(partner=PlanRowFactory(plan=plans["draft", name]).partner,
                                       unit=unit, valid_from="2025-09-01")
        for name, unit in [("A", unit_a), ("B", unit_b)]
    }
    return {"units": {"A": unit_a, "B": unit_b}, "users": users, "plans": plans,
            "agreements": agreements}


def fresh(world, role):
    """The user as a new request would see it (the policy caches per user object)."""
    user = world["users"][role]
    return user if role == "anonymous" else type(user).objects.get(pk=user.pk)


@pytest.mark.parametrize("question", PLAN_QUESTIONS)
def test_it_answers_every_plan_question_as_the_table_says(world, question):
    ask = getattr(policy, question)
    users = {role: fresh(world, role) for role in ROLES}
    answers = {
        (status, role): tuple(ask(users[role], world["plans"][status, name]) for name in "AB")
        for status in STATUSES
        for role in ROLES
    }
    expected = {
        (status, role): PLAN_QUESTIONS[question][status][role]
        for status in STATUSES
        for role in ROLES
    }
    assert answers == expected


@pytest.mark.parametrize("question", USER_QUESTIONS)
def test_it_answers_every_question_about_the_user_as_the_table_says(world, question):
    answers = tuple(getattr(policy, question)(fresh(world, role)) for role in ROLES)
    assert answers == USER_QUESTIONS[question]


@pytest.mark.parametrize("role", ROLES)
def test_it_sees_and_keeps_units_as_the_table_says(world, role):
    user, units = fresh(world, role), world["units"]
    assert tuple(policy.may_see_unit(user, units[n].pk) for n in "AB") == SEES[role]
    assert tuple(policy.may_manage_unit(user, units[n].pk) for n in "AB") == KEEPS[role]
    visible, managed = set(policy.visible_units(user)), set(policy.managed_units(user))
    assert tuple(units[n] in visible for n in "AB") == SEES[role]
    assert tuple(units[n] in managed for n in "AB") == KEEPS[role]


@pytest.mark.parametrize("role", ROLES)
def test_it_scopes_querysets_to_the_units_the_user_sees(world, role):
    user = fresh(world, role)
    plans = set(policy.scope(Plan.objects.all(), user))
    agreements = set(policy.scope(Agreement.objects.all(), user))
    units = set(policy.scope(Unit.objects.all(), user, unit_field="pk"))
    for index, name in enumerate("AB"):
        sees = SEES[role][index]
        assert (world["plans"]["draft", name] in plans) == sees
        assert (world["agreements"][name] in agreements) == sees
        assert (world["units"][name] in units) == sees


@pytest.mark.parametrize("role", ROLES)
def test_it_keeps_agreements_and_partnerships_of_ones_own_units(world, role):
    user, agreements = fresh(world, role), world["agreements"]
    answers = tuple(policy.may_manage_holder_object(user, agreements[n]) for n in "AB")
    assert answers == KEEPS[role]


@pytest.mark.parametrize("role", ROLES)
def test_it_lists_the_plans_one_may_change_now(world, role):
    editable = set(policy.editable_plans(Plan.objects.all(), fresh(world, role)))
    for status in STATUSES:
        for index, name in enumerate("AB"):
            expected = PLAN_QUESTIONS["may_edit_plan"][status][role][index]
            assert (world["plans"][status, name] in editable) == expected


def test_it_lists_only_ones_own_units_as_ones_own(world):
    assert list(policy.member_units(fresh(world, "teacher"))) == [world["units"]["A"]]
    assert list(policy.member_units(fresh(world, "methodist"))) == []
    assert list(policy.member_units(AnonymousUser())) == []


# --------------------------------------------------------------------------- the admin


@pytest.fixture
def staff_admin(world):
    user = fresh(world, "administrator")
    user.is_staff = True
    user.save()
    return user


@pytest.mark.parametrize("status, editable", [("draft", True), ("approved", False)])
def test_it_makes_an_approved_plans_rows_read_only_in_the_admin(
    client, world, staff_admin, status, editable
):
    with drafted(world["plans"][status, "A"]) as plan:
        row = PlanRowFactory(plan=plan, characteristic="Как было.")
    client.force_login(staff_admin)
    url = reverse("admin:plans_planrow_change", args=[row.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert ('name="_save"' in page.content.decode()) == editable
    if not editable:
        response = client.post(url, {"plan": row.plan_id, "partner": row.partner_id,
                                     "characteristic": "Переписано.", "order": 0})
        assert response.status_code == 403
        row.refresh_from_db()
        assert row.characteristic == "Как было."
    assert client.get(reverse("admin:plans_planrow_delete", args=[row.pk])).status_code == (
        200 if editable else 403
    )


def test_it_offers_no_approved_plan_for_a_new_row_in_the_admin(client, world, staff_admin):
    client.force_login(staff_admin)
    page = client.get(reverse("admin:plans_planrow_add"))
    plans = set(page.context["adminform"].form.fields["plan"].queryset)
    assert world["plans"]["draft", "A"] in plans
    assert world["plans"]["approved", "A"] not in plans


@pytest.mark.parametrize("role", ["teacher", "methodist"])
def test_it_keeps_everyone_but_administrators_out_of_the_admin(client, world, role):
    user = fresh(world, role)
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get(reverse("admin:plans_plan_changelist")).status_code == 403
    assert client.get(reverse("admin:partners_partner_changelist")).status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_it_hands_templates_the_policys_answers_about_the_user(client, world, role):
    if role != "anonymous":
        client.force_login(fresh(world, role))
    response = client.get(reverse("partners:list"), follow=True)
    may = response.context["may"]
    assert may["review"]() == USER_QUESTIONS["may_review"][ROLES.index(role)]
    assert may["import_plans"]() == USER_QUESTIONS["may_import_plans"][ROLES.index(role)]
