"""Queries compiled once (`partners.compiled`): the same answers as the ORM's, one query each,
and the session read by such a query (`partnership.sessions`)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.utils import timezone

from partners import roles
from partners.compiled import Compiled
from plans import workflow
from plans.models import Comment, Plan, PlanTransition
from plans.review.comments import open_comments
from tests.conftest import login

pytestmark = pytest.mark.django_db


def _step(plan, user, action, to_status, at, comment=""):
    PlanTransition.objects.create(plan=plan, from_status=plan.status, to_status=to_status,
                                  action=action.name, by=user, at=at, comment=comment)


def test_it_finds_what_the_orm_finds_with_each_calls_values(plan, owner, methodist):
    now = timezone.now()
    _step(plan, owner, workflow.SUBMIT, Plan.Status.REVIEW, now - timedelta(days=2))
    _step(plan, methodist, workflow.RETURN, Plan.Status.DRAFT, now, "Добавьте партнёров")
    other = Plan.objects.create(unit=plan.unit, year=plan.year + 1)
    _step(other, owner, workflow.SUBMIT, Plan.Status.REVIEW, now)
    transitions = Compiled(lambda plan_id: PlanTransition.objects.filter(plan_id=plan_id))

    for wanted in (plan, other):
        found = transitions.objects(wanted.pk)
        expected = list(PlanTransition.objects.filter(plan=wanted))
        assert found == expected
        assert [(t.at, t.comment, t.by_id, t.action) for t in found] == [
            (t.at, t.comment, t.by_id, t.action) for t in expected
        ]
    assert found[0].at.tzinfo is not None  # the datetime converted as the ORM converts it
    assert transitions.objects(-1) == []


def test_it_compiles_once_and_runs_one_query_a_call(plan, django_assert_num_queries):
    built = []

    def build(plan_id):
        built.append(plan_id)
        return Comment.objects.filter(plan_id=plan_id, resolved_at__isnull=True)

    compiled = Compiled(build)
    with django_assert_num_queries(3):
        for _ in range(3):
            assert compiled.objects(plan.pk) == []
    assert len(built) == 1


def test_it_gives_a_value_lists_rows(owner):
    names = Compiled(
        lambda user_id: Group.objects.filter(user__id=user_id).values_list("name", flat=True)
    )
    assert names.rows(owner.pk) == [(roles.TEACHER,)]


def test_it_refuses_a_query_whose_parameters_are_not_only_its_placeholders(plan):
    with_constant = Compiled(lambda plan_id: PlanTransition.objects.filter(
        plan_id=plan_id, to_status=Plan.Status.REVIEW))
    with pytest.raises(ValueError, match="placeholders"):
        with_constant.objects(plan.pk)
    with pytest.raises(TypeError):
        Compiled(lambda plan_id: PlanTransition.objects.filter(plan_id=plan_id)).objects()


def test_it_reads_a_plans_open_comments_only(plan, methodist):
    kept = Comment.objects.create(plan=plan, author=methodist, text="Открытое")
    Comment.objects.create(plan=plan, author=methodist, text="Закрытое",
                           resolved_at=timezone.now(), resolved_by=methodist)
    assert open_comments(plan) == [kept]
    assert open_comments(plan)[0].author == methodist


def test_it_reads_roles_again_for_each_request(client, owner, methodist):
    login(client, methodist)
    assert client.get("/").context["is_methodist"]
    methodist.groups.clear()
    assert not client.get("/").context["is_methodist"]


def test_it_keeps_a_session_until_it_expires(client, owner):
    login(client, owner)
    assert client.get("/").context["user"] == owner
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_treats_an_unknown_session_key_as_no_session(client, owner):
    login(client, owner)
    Session.objects.all().delete()
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
