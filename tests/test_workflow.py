"""The approval workflow's rules, as each persona."""

import pytest

from plans import workflow
from plans.models import Plan


def test_it_lets_the_owner_submit_a_draft(plan, owner):
    plan = workflow.perform(plan, owner, "submit")
    assert plan.status == Plan.Status.REVIEW
    assert plan.submitted_at is not None
    assert plan.transitions.get().to_status == Plan.Status.REVIEW


def test_it_refuses_submission_by_another_units_teacher(plan, other_teacher):
    with pytest.raises(workflow.TransitionError):
        workflow.perform(plan, other_teacher, "submit")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT


def test_it_lets_only_an_administrator_approve(plan, owner, methodist, administrator):
    workflow.perform(plan, owner, "submit")
    for user in [owner, methodist]:
        with pytest.raises(workflow.TransitionError):
            workflow.perform(plan, user, "approve")
    plan = workflow.perform(plan, administrator, "approve", order_number="12-о")
    assert plan.status == Plan.Status.APPROVED
    assert plan.approved_by == administrator
    assert plan.approval_order == "12-о"


def test_it_requires_a_comment_to_return_a_plan(plan, owner, methodist):
    workflow.perform(plan, owner, "submit")
    with pytest.raises(workflow.TransitionError, match="comment|комментарий"):
        workflow.perform(plan, methodist, "return", comment="   ")
    plan = workflow.perform(plan, methodist, "return", comment="Добавьте мероприятия с ОМВД")
    assert plan.status == Plan.Status.DRAFT
    assert plan.transitions.last().comment == "Добавьте мероприятия с ОМВД"


def test_it_lets_only_an_administrator_reopen_an_approved_plan(
    plan, owner, methodist, administrator
):
    workflow.perform(plan, owner, "submit")
    workflow.perform(plan, administrator, "approve")
    with pytest.raises(workflow.TransitionError):
        workflow.perform(plan, methodist, "reopen", comment="Исправить")
    plan = workflow.perform(plan, administrator, "reopen", comment="Новый партнёр")
    assert plan.status == Plan.Status.DRAFT
    assert plan.approved_by is None
    assert [t.to_status for t in plan.transitions.all()] == ["review", "approved", "draft"]


def test_it_refuses_an_unknown_step(plan, administrator):
    with pytest.raises(workflow.TransitionError):
        workflow.perform(plan, administrator, "explode")
