"""Issue 11, workflow: a plan on review is read-only, its keepers may withdraw it, approving over
open remarks needs an explicit confirmation that lists them, and the history says only what
happened."""

import pytest
from django.urls import reverse

from plans import workflow
from plans.editor.history import plan_events
from plans.models import Comment, Plan, PlanRow
from tests.factories import PartnerFactory, PlanRowFactory


def step(client, plan, action, **data):
    return client.post(reverse("plans:transition", args=[plan.pk, action]), data)


@pytest.fixture
def on_review(plan, owner):
    PlanRowFactory(plan=plan)
    return workflow.perform(plan, owner, "submit")


@pytest.fixture
def remark(on_review, methodist):
    return Comment.objects.create(
        plan=on_review, author=methodist, text="Добавьте мероприятия с ОМВД"
    )


# --- read-only on review -----------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "administrator"])
def test_it_refuses_changing_a_plan_on_review(client, request, on_review, who):
    client.force_login(request.getfixturevalue(who))
    rows = PlanRow.objects.filter(plan=on_review).count()
    response = client.post(
        reverse("plans:row_add", args=[on_review.pk]),
        {"partner": PartnerFactory().pk, "characteristic": "Новое"},
        follow=True,
    )
    assert PlanRow.objects.filter(plan=on_review).count() == rows
    assert "План на проверке, изменить его сейчас нельзя." in response.content.decode()


def test_it_hides_the_editor_from_the_owner_while_on_review(client, owner, on_review):
    client.force_login(owner)
    body = client.get(on_review.get_absolute_url()).content.decode()
    assert "+ Добавить партнёра" not in body
    assert "Отозвать с проверки" in body


def test_it_still_lets_the_reviewers_act_on_review(client, on_review, methodist, administrator):
    client.force_login(methodist)
    body = client.get(on_review.get_absolute_url()).content.decode()
    assert "Вернуть на доработку" in body and "Утвердить" not in body
    client.force_login(administrator)
    body = client.get(on_review.get_absolute_url()).content.decode()
    assert "Утвердить" in body and "Вернуть на доработку" in body


# --- withdrawing ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "administrator"])
def test_it_lets_the_keepers_withdraw_a_plan_from_review(client, request, on_review, who):
    client.force_login(request.getfixturevalue(who))
    assert step(client, on_review, "withdraw").status_code == 302
    on_review.refresh_from_db()
    assert on_review.status == Plan.Status.DRAFT
    last = on_review.transitions.last()
    assert (last.action, last.from_status, last.to_status) == ("withdraw", "review", "draft")
    body = client.get(on_review.get_absolute_url()).content.decode()
    assert "Отозван с проверки" in body  # the status history
    assert "Возвращён на доработку:" not in body
    history = client.get(reverse("plans:history", args=[on_review.pk])).content.decode()
    assert "Отозван с проверки" in history


@pytest.mark.parametrize("who", ["methodist", "other_teacher"])
def test_it_refuses_withdrawing_to_others(client, request, on_review, who):
    client.force_login(request.getfixturevalue(who))
    response = step(client, on_review, "withdraw")
    assert response.status_code in (403, 404)
    on_review.refresh_from_db()
    assert on_review.status == Plan.Status.REVIEW


def test_it_refuses_withdrawing_a_draft(plan, owner):
    with pytest.raises(workflow.TransitionError):
        workflow.perform(plan, owner, "withdraw")


# --- approving over open remarks ------------------------------------------------------------


def test_it_lists_the_open_remarks_on_the_approve_form(client, administrator, remark):
    client.force_login(administrator)
    url = reverse("plans:transition", args=[remark.plan.pk, "approve"])
    body = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="approve-open-remarks"' in body
    assert "Добавьте мероприятия с ОМВД" in body
    assert "Я прочитал(а) открытые замечания и утверждаю план с ними" in body


def test_it_refuses_approving_over_open_remarks_without_confirmation(
    client, administrator, remark
):
    client.force_login(administrator)
    response = step(client, remark.plan, "approve")
    assert response.status_code == 200
    body = response.content.decode()
    assert "У плана остались открытые замечания" in body
    assert 'id="action-approve" open' in body
    plan = Plan.objects.get(pk=remark.plan.pk)
    assert plan.status == Plan.Status.REVIEW
    with pytest.raises(workflow.TransitionError):
        workflow.perform(plan, administrator, "approve")


def test_it_approves_over_open_remarks_when_confirmed(client, administrator, remark):
    client.force_login(administrator)
    assert step(client, remark.plan, "approve", confirm="on").status_code == 302
    assert Plan.objects.get(pk=remark.plan.pk).status == Plan.Status.APPROVED


def test_it_approves_without_a_checkbox_when_no_remark_is_open(client, administrator, remark):
    remark.resolved_at = remark.created_at
    remark.save()
    client.force_login(administrator)
    body = client.get(remark.plan.get_absolute_url()).content.decode()
    assert 'id="approve-open-remarks"' not in body
    assert step(client, remark.plan, "approve").status_code == 302
    assert Plan.objects.get(pk=remark.plan.pk).status == Plan.Status.APPROVED


# --- the history says only what happened ---------------------------------------------------


def test_it_tells_steps_without_an_invented_comment(client, owner, administrator, on_review):
    workflow.perform(on_review, administrator, "approve")
    client.force_login(owner)
    body = client.get(reverse("plans:history", args=[on_review.pk])).content.decode()
    assert "Утверждён" in body and "Отправлен на проверку" in body
    assert "Комментарий:" not in body
    workflow.perform(on_review, administrator, "reopen", comment="Новый партнёр")
    body = client.get(reverse("plans:history", args=[on_review.pk])).content.decode()
    assert body.count("Комментарий:") == 1 and "Новый партнёр" in body


def test_it_tells_the_demos_loading_as_one_event(demo):
    plan = Plan.objects.get(status=Plan.Status.APPROVED)
    events = plan_events(plan)
    plan_level = [e for e in events if e.kind == "plan"]
    assert len(plan_level) == 1 and plan_level[0].action == "loaded"
    assert not [e for e in events if e.kind in ("row", "activity")]
    assert [e.action for e in events if e.kind == "step"] == ["approve", "submit"]
