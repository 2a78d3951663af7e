"""Review comments on a plan or a row: who leaves them, who resolves them, who sees them."""

import pytest
from django.urls import reverse

from plans.models import Comment, Plan, PlanTransition
from tests.factories import ActivityFactory, PartnerFactory, PlanRowFactory


@pytest.fixture
def row(plan):
    return PlanRowFactory(plan=plan, partner=PartnerFactory(name="МБОУ гимназия"))


def add_url(plan):
    return reverse("comments:add", args=[plan.pk])


def resolve_url(comment):
    return reverse("comments:resolve", args=[comment.plan_id, comment.pk])


def test_it_lets_a_methodist_comment_on_a_row(client, methodist, plan, row):
    client.force_login(methodist)

    response = client.post(add_url(plan), {"row": row.pk, "text": "  Добавьте мероприятия.  "})

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{plan.get_absolute_url()}#comment-{comment.pk}"
    assert (comment.plan, comment.row, comment.author) == (plan, row, methodist)
    assert comment.text == "Добавьте мероприятия." and comment.is_open


def test_it_lets_an_administrator_comment_on_the_whole_plan(client, administrator, plan):
    client.force_login(administrator)
    client.post(add_url(plan), {"row": "", "text": "План в целом хорош."})
    comment = Comment.objects.get()
    assert comment.row is None and comment.author == administrator


def test_it_refuses_comments_from_teachers(client, owner, other_teacher, plan):
    client.force_login(owner)
    assert client.post(add_url(plan), {"text": "Сам себе замечание"}).status_code == 403
    client.force_login(other_teacher)
    assert client.post(add_url(plan), {"text": "Чужому плану"}).status_code == 404
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"text": ""},
        {"text": "   "},
        {"text": "x" * 4001},
        {"text": "Текст", "row": "999999"},
        {"text": "Текст", "row": "abc"},
    ],
)
def test_it_saves_nothing_from_bad_input_and_says_why(client, methodist, plan, row, data):
    client.force_login(methodist)

    response = client.post(add_url(plan), data)

    assert response.status_code == 200
    assert not Comment.objects.exists()
    assert "invalid-feedback" in response.content.decode()


def test_it_refuses_a_row_of_another_plan(client, methodist, plan, other_unit):
    from tests.factories import PlanFactory

    foreign = PlanRowFactory(plan=PlanFactory(unit=other_unit, year=2025))
    client.force_login(methodist)
    client.post(add_url(plan), {"row": foreign.pk, "text": "Не та строка"})
    assert not Comment.objects.exists()


def test_it_shows_open_comments_to_the_teacher_on_the_plan_page(client, methodist, owner, plan,
                                                                 row):
    ActivityFactory(row=PlanRowFactory(plan=plan))
    Comment.objects.create(plan=plan, row=row, author=methodist, text="Где мероприятия?")
    Comment.objects.create(plan=plan, author=methodist, text="Уточните сроки.")
    Comment.objects.create(
        plan=plan, author=methodist, text="Старое", resolved_at="2025-01-01T00:00Z"
    )
    client.force_login(owner)

    body = client.get(plan.get_absolute_url()).content.decode()

    assert "Где мероприятия?" in body and "Уточните сроки." in body
    assert "Старое" not in body
    assert "1 замечание" in body  # the badge in the row's partner cell
    assert f'href="{plan.get_absolute_url()}#row-{row.pk}"' in body
    assert "Добавить замечание" not in body  # teachers do not get the form


def test_it_offers_reviewers_the_form_with_the_row_chosen(client, methodist, plan, row):
    client.force_login(methodist)
    body = client.get(plan.get_absolute_url(), {"comment_row": row.pk}).content.decode()
    assert "Добавить замечание" in body
    assert f'<option value="{row.pk}" selected>' in body
    assert '<details id="comment-form" open>' in body
    # A malformed row number is ignored.
    assert client.get(plan.get_absolute_url(), {"comment_row": "x"}).status_code == 200


def test_it_loads_the_form_in_place_from_a_row_s_link(client, methodist, plan, row):
    """With htmx a row's «+ замечание» swaps the form in, its row chosen, without reloading
    the page; without JavaScript the same link opens the page with the form."""
    client.force_login(methodist)
    page = client.get(plan.get_absolute_url()).content.decode()
    form_url = f"{add_url(plan)}?comment_row={row.pk}"
    assert (f'<a class="row-comment-link" href="?comment_row={row.pk}#comment-form"'
            f' hx-get="{form_url}" hx-target="#comment-form"') in page
    assert 'id="comment-form"' in page  # what the link's form replaces

    form = client.get(form_url, HTTP_HX_REQUEST="true").content.decode()
    assert '<details id="comment-form" open>' in form and "<html" not in form
    assert f'<option value="{row.pk}" selected>' in form
    assert "autofocus" in form.split("<textarea")[1].split(">")[0]  # what is left: the text
    # Not through htmx: the page with the form open on that row.
    response = client.get(form_url)
    assert response["Location"] == f"{plan.get_absolute_url()}?comment_row={row.pk}#comment-form"
    # Another plan's row, or a malformed one, chooses nothing.
    other = PlanRowFactory()
    form = client.get(f"{add_url(plan)}?comment_row={other.pk}", HTTP_HX_REQUEST="true")
    assert '<option value="" selected>' in form.content.decode()  # the whole plan
    assert client.get(f"{add_url(plan)}?comment_row=x", HTTP_HX_REQUEST="true").status_code == 200


def test_it_lets_the_teacher_resolve_a_comment(client, methodist, owner, plan, row):
    comment = Comment.objects.create(plan=plan, row=row, author=methodist, text="Исправьте.")
    client.force_login(owner)

    response = client.post(resolve_url(comment))

    comment.refresh_from_db()
    assert response.status_code == 302
    assert not comment.is_open and comment.resolved_by == owner
    body = client.get(plan.get_absolute_url()).content.decode()
    assert "Исправьте." not in body
    # Resolving twice changes nothing.
    resolved_at = comment.resolved_at
    client.post(resolve_url(comment))
    comment.refresh_from_db()
    assert comment.resolved_at == resolved_at


def test_it_refuses_resolving_to_other_teachers(client, methodist, other_teacher, plan, row):
    comment = Comment.objects.create(plan=plan, row=row, author=methodist, text="Исправьте.")
    client.force_login(other_teacher)
    assert client.post(resolve_url(comment)).status_code == 404
    comment.refresh_from_db()
    assert comment.is_open


def test_it_refuses_a_comment_of_another_plan(client, methodist, plan, other_unit):
    from tests.factories import PlanFactory

    foreign = Comment.objects.create(
        plan=PlanFactory(unit=other_unit, year=2025), author=methodist, text="Там"
    )
    client.force_login(methodist)
    url = reverse("comments:resolve", args=[plan.pk, foreign.pk])
    assert client.post(url).status_code == 404


def test_it_returns_a_plan_on_review_for_revision_with_the_comment(client, methodist, plan, row):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.REVIEW)
    client.force_login(methodist)
    body = client.get(add_url(plan), HTTP_HX_REQUEST="true").content.decode()
    assert "Вернуть план на доработку" in body

    client.post(
        add_url(plan),
        {"row": row.pk, "text": "Нет мероприятий с гимназией.", "return_for_revision": "on"},
    )

    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    transition = PlanTransition.objects.get(plan=plan)
    assert (transition.from_status, transition.to_status) == ("review", "draft")
    assert transition.comment == "Нет мероприятий с гимназией."
    assert Comment.objects.get().row == row


def test_it_does_not_offer_returning_a_draft(client, methodist, plan, row):
    client.force_login(methodist)
    form = client.get(add_url(plan), HTTP_HX_REQUEST="true").content.decode()
    assert "Текст замечания" in form or "<textarea" in form
    assert "Вернуть план на доработку" not in form
    # Asking for it anyway only adds the comment.
    client.post(add_url(plan), {"text": "Замечание", "return_for_revision": "on"})
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and Comment.objects.count() == 1


def test_it_answers_htmx_with_the_comments_block(client, methodist, plan, row):
    client.force_login(methodist)
    response = client.post(add_url(plan), {"text": "Через htmx"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="plan-comments"' in body and "Через htmx" in body and "<html" not in body
    comment = Comment.objects.get()
    response = client.post(resolve_url(comment), HTTP_HX_REQUEST="true")
    assert "Через htmx" not in response.content.decode()


def test_it_redirects_htmx_when_the_plan_goes_back_to_draft(client, methodist, plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.REVIEW)
    client.force_login(methodist)
    response = client.post(
        add_url(plan), {"text": "На доработку", "return_for_revision": "on"},
        HTTP_HX_REQUEST="true",
    )
    assert response["HX-Redirect"] == f"{plan.get_absolute_url()}#comments"


def test_it_lists_every_comment_with_its_state(client, methodist, owner, plan, row):
    Comment.objects.create(plan=plan, row=row, author=methodist, text="Открытое")
    Comment.objects.create(
        plan=plan, author=methodist, text="Снятое", resolved_at="2025-01-01T00:00Z",
        resolved_by=owner,
    )
    client.force_login(owner)
    body = client.get(reverse("comments:list", args=[plan.pk])).content.decode()
    assert "Открытое" in body and "Снятое" in body and "снято:" in body


def test_it_keeps_the_plan_page_queries_constant_with_comments(
    client, methodist, plan, django_assert_max_num_queries
):
    def add(n):
        for _ in range(n):
            row = PlanRowFactory(plan=plan)
            ActivityFactory.create_batch(2, row=row)
            Comment.objects.create(plan=plan, row=row, author=methodist, text="Замечание")

    add(2)
    client.force_login(methodist)
    with django_assert_max_num_queries(20) as few:
        client.get(plan.get_absolute_url())
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(plan.get_absolute_url())
