"""The approval buttons on the plan page, as every persona, and the status history."""

from django.urls import reverse

from plans.models import Plan
from tests.factories import ActivityFactory, PlanRowFactory


def step(client, plan, action, follow=False, **data):
    return client.post(reverse("plans:transition", args=[plan.pk, action]), data, follow=follow)


def test_it_lets_the_owner_submit_and_an_administrator_approve_with_an_order(
    client, owner, administrator, plan
):
    client.force_login(owner)
    body = client.get(plan.get_absolute_url()).content.decode()
    assert "Отправить на проверку" in body and "Утвердить" not in body
    response = step(client, plan, "submit")
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == Plan.Status.REVIEW

    client.force_login(administrator)
    body = client.get(plan.get_absolute_url()).content.decode()
    assert "Утвердить" in body and "Вернуть на доработку" in body
    response = step(client, plan, "approve", order_number=" 112-о ")
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED
    assert plan.approval_order == "112-о"
    assert plan.approved_by == administrator
    body = client.get(plan.get_absolute_url()).content.decode()
    assert "УТВЕРЖДАЮ" in body and "Приказ № 112-о" in body
    assert "Вернуть в черновик" in body
    assert "История статуса (2 изменения)" in body


def test_it_asks_for_a_comment_before_returning_a_plan(client, owner, methodist, plan):
    plan.status = Plan.Status.REVIEW
    plan.save()
    client.force_login(methodist)
    response = step(client, plan, "return", comment="   ")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Укажите, что нужно исправить: комментарий обязателен." in body
    assert 'id="action-return" open' in body
    plan.refresh_from_db()
    assert plan.status == Plan.Status.REVIEW
    assert not plan.transitions.exists()

    response = step(client, plan, "return", comment="Добавьте мероприятия с <ОМВД>")
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    client.force_login(owner)
    body = client.get(plan.get_absolute_url()).content.decode()
    assert "Возвращён на доработку:" in body
    assert "Добавьте мероприятия с &lt;ОМВД&gt;" in body


def test_it_lets_only_an_administrator_take_an_approved_plan_back(
    client, owner, methodist, administrator, plan
):
    plan.status = Plan.Status.APPROVED
    plan.save()
    for user in [owner, methodist]:
        client.force_login(user)
        assert "Вернуть в черновик" not in client.get(plan.get_absolute_url()).content.decode()
        assert step(client, plan, "reopen", comment="Нужно").status_code == 403
    client.force_login(administrator)
    assert step(client, plan, "reopen", comment="").status_code == 200
    assert step(client, plan, "reopen", comment="Новый партнёр").status_code == 302
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    transition = plan.transitions.get()
    assert (transition.from_status, transition.to_status, transition.by) == (
        "approved", "draft", administrator
    )
    assert transition.comment == "Новый партнёр"


def test_it_refuses_steps_by_role_and_by_state(client, owner, other_teacher, administrator, plan):
    client.force_login(owner)
    assert step(client, plan, "approve").status_code == 403
    assert step(client, plan, "explode").status_code == 404
    assert client.put(reverse("plans:transition", args=[plan.pk, "submit"])).status_code == 405
    assert client.get(reverse("plans:transition", args=[plan.pk, "approve"])).status_code == 403
    client.force_login(other_teacher)
    assert step(client, plan, "submit").status_code == 404
    client.force_login(administrator)
    response = step(client, plan, "approve", follow=True)
    assert "Этот шаг невозможен: план в статусе «Черновик»." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT


def test_it_limits_comment_and_order_lengths(client, administrator, plan):
    plan.status = Plan.Status.REVIEW
    plan.save()
    client.force_login(administrator)
    response = step(client, plan, "approve", order_number="1" * 51)
    assert response.status_code == 200
    plan.refresh_from_db()
    assert plan.status == Plan.Status.REVIEW
    response = step(client, plan, "return", comment="я" * 2001)
    assert response.status_code == 200
    plan.refresh_from_db()
    assert plan.status == Plan.Status.REVIEW


def test_it_shows_export_links_to_everyone_who_sees_the_plan(client, owner, methodist, plan):
    for user in [owner, methodist]:
        client.force_login(user)
        body = client.get(plan.get_absolute_url()).content.decode()
        for name in ["pdf", "docx", "xlsx", "diagram"]:
            assert reverse(f"plans:{name}", args=[plan.pk]) in body


def test_it_keeps_the_plan_page_queries_flat_with_history(
    client, administrator, plan, django_assert_max_num_queries
):
    from plans import workflow

    row = PlanRowFactory(plan=plan)
    ActivityFactory(row=row)
    workflow.perform(plan, administrator, "submit")  # a history: who took the steps is read
    workflow.perform(plan, administrator, "return", comment="первое")
    client.force_login(administrator)
    with django_assert_max_num_queries(20) as few:
        client.get(plan.get_absolute_url())
    for _ in range(3):
        workflow.perform(plan, administrator, "submit")
        workflow.perform(plan, administrator, "return", comment="ещё")
        ActivityFactory(row=PlanRowFactory(plan=plan))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(plan.get_absolute_url())
