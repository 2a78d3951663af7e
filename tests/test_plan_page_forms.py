"""The plan page's forms load when they are opened: the comment form (its row list is the whole
plan) and each step of the workflow. With htmx a link is swapped for the form; without
JavaScript the same link opens the plan's page with the form open."""

from django.urls import reverse

from plans.models import Plan
from tests.factories import PlanRowFactory


def add_url(plan):
    return reverse("comments:add", args=[plan.pk])


def step_url(plan, action):
    return reverse("plans:transition", args=[plan.pk, action])


def test_it_offers_the_comment_form_as_a_link(client, methodist, plan, row):
    client.force_login(methodist)
    body = client.get(plan.get_absolute_url()).content.decode()
    assert f'href="{plan.get_absolute_url()}?comment=1#comment-form"' in body
    assert f'hx-get="{add_url(plan)}"' in body
    assert "<textarea" not in body and f'<option value="{row.pk}"' not in body


def test_it_loads_the_comment_form_with_htmx(client, methodist, plan, row):
    client.force_login(methodist)
    response = client.get(add_url(plan), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert '<details id="comment-form" open>' in body and "autofocus" in body
    assert f'<option value="{row.pk}">' in body and "<textarea" in body


def test_it_opens_the_comment_form_on_the_page_without_javascript(client, methodist, plan, row):
    client.force_login(methodist)
    response = client.get(add_url(plan))
    assert response.status_code == 302
    assert response["Location"] == f"{plan.get_absolute_url()}?comment=1#comment-form"
    body = client.get(plan.get_absolute_url(), {"comment": "1"}).content.decode()
    assert '<details id="comment-form" open>' in body and "<textarea" in body
    assert "autofocus" not in body  # a page load keeps the focus where the browser puts it


def test_it_refuses_the_comment_form_to_a_teacher(client, owner, other_teacher, plan):
    client.force_login(owner)
    assert client.get(add_url(plan), HTTP_HX_REQUEST="true").status_code == 403
    body = client.get(plan.get_absolute_url(), {"comment": "1"}).content.decode()
    assert "<textarea" not in body and "comment-form" not in body
    client.force_login(other_teacher)
    assert client.get(add_url(plan), HTTP_HX_REQUEST="true").status_code == 404


def test_it_offers_each_step_as_a_link(client, administrator, plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.REVIEW)
    client.force_login(administrator)
    body = client.get(plan.get_absolute_url()).content.decode()
    for action in ("approve", "return"):
        assert f'href="{step_url(plan, action)}#action-{action}"' in body
        assert f'hx-get="{step_url(plan, action)}"' in body
    assert "workflow-form" not in body and "<textarea" not in body


def test_it_loads_a_step_form_with_htmx(client, administrator, plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.REVIEW)
    client.force_login(administrator)
    body = client.get(step_url(plan, "approve"), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body
    assert '<details class="workflow-action" id="action-approve" open>' in body
    assert f'action="{step_url(plan, "approve")}"' in body
    assert 'name="order_number"' in body and "btn-success" in body


def test_it_opens_a_step_form_on_the_page_without_javascript(client, administrator, plan):
    PlanRowFactory(plan=plan)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.REVIEW)
    client.force_login(administrator)
    response = client.get(step_url(plan, "return"))
    body = response.content.decode()
    assert response.status_code == 200 and "<html" in body
    assert 'id="action-return" open' in body and "<textarea" in body
    # The other step stays a link; the table is there as on the plan's page.
    assert f'hx-get="{step_url(plan, "approve")}"' in body
    assert 'id="plan-table"' in body
    plan.refresh_from_db()
    assert plan.status == Plan.Status.REVIEW  # opening a form changes nothing


def test_it_sends_back_a_step_no_longer_open(client, administrator, plan):
    client.force_login(administrator)  # a draft: nothing to approve
    response = client.get(step_url(plan, "approve"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == plan.get_absolute_url()
    response = client.get(step_url(plan, "approve"), follow=True)
    assert "Этот шаг невозможен: план в статусе «Черновик»." in response.content.decode()


def test_it_refuses_a_step_form_by_role(client, owner, other_teacher, plan):
    client.force_login(owner)
    assert client.get(step_url(plan, "approve"), HTTP_HX_REQUEST="true").status_code == 403
    client.force_login(other_teacher)
    assert client.get(step_url(plan, "submit"), HTTP_HX_REQUEST="true").status_code == 404
