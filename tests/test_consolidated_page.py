"""The consolidated plan on screen, a page at a time: bounded pages, the contents as a jump menu
to every plan's page, «Страница N из M», and no 500 for a bad page number (issue 13)."""

import pytest
from django.urls import reverse

from plans.exports import consolidated_page
from plans.exports.consolidated_page import group_plans
from tests.factories import PartnerFactory, PlanFactory, PlanRowFactory, UnitFactory

pytestmark = pytest.mark.django_db

YEAR = 2031


@pytest.fixture
def five_plans(db):
    """Five plans of the year, units in order 1…5, each with one row naming its unit."""
    plans = []
    for n in range(1, 6):
        plan = PlanFactory(unit=UnitFactory(name=f"Объединение {n}", order=n), year=YEAR)
        PlanRowFactory(plan=plan, partner=PartnerFactory(name=f"Партнёр объединения {n}"))
        plans.append(plan)
    return plans


@pytest.fixture
def two_a_page(monkeypatch):
    monkeypatch.setattr(consolidated_page, "PAGE_PLANS", 2)


def get(client, user, **query):
    client.force_login(user)
    return client.get(reverse("plans:consolidated", args=[YEAR]), query)


class Counted:
    def __init__(self, rows):
        self.row_count = rows


def test_it_groups_plans_by_count_and_rows_and_gives_a_long_plan_a_page_of_its_own():
    plans = [Counted(100), Counted(100), Counted(2000), Counted(50), Counted(50), Counted(50)]
    pages = group_plans(plans, most_plans=2, most_rows=300)
    assert [[p.row_count for p in page] for page in pages] == [
        [100, 100], [2000], [50, 50], [50]
    ]
    assert group_plans([]) == []


def test_it_shows_the_first_page_with_every_plan_in_the_contents(
    client, methodist, five_plans, two_a_page
):
    body = get(client, methodist).content.decode()
    assert "Страница 1 из 3" in body
    assert "Партнёр объединения 1" in body and "Партнёр объединения 2" in body
    assert "Партнёр объединения 3" not in body
    first, third, fifth = five_plans[0], five_plans[2], five_plans[4]
    assert f'href="#plan-{first.pk}"' in body
    assert f'href="?page=2#plan-{third.pk}"' in body
    assert f'href="?page=3#plan-{fifth.pk}"' in body
    assert 'href="?page=2" rel="next"' in body


def test_it_shows_page_two_numbered_on_from_the_first(client, methodist, five_plans, two_a_page):
    body = get(client, methodist, page=2).content.decode()
    assert "Страница 2 из 3" in body
    assert "Партнёр объединения 3" in body and "Партнёр объединения 4" in body
    assert "Партнёр объединения 1" not in body.split("Страница 2 из 3")[1]
    assert f'id="plan-title-{five_plans[2].pk}">3. ' in body
    assert 'href="?page=1" rel="prev"' in body and 'href="?page=3" rel="next"' in body


def test_it_keeps_other_parameters_in_the_links(client, methodist, five_plans, two_a_page):
    body = get(client, methodist, page=2, view="all").content.decode()
    assert "?page=3&amp;view=all" in body or "?view=all&amp;page=3" in body


@pytest.mark.parametrize("page, shown", [("99", "Страница 3 из 3"), ("abc", "Страница 1 из 3"),
                                         ("-1", "Страница 3 из 3"), ("0", "Страница 3 из 3")])
def test_it_answers_a_bad_page_with_the_first_or_last(
    client, methodist, five_plans, two_a_page, page, shown
):
    response = get(client, methodist, page=page)
    assert response.status_code == 200
    assert shown in response.content.decode()


def test_it_has_no_pages_for_one_page_or_an_empty_year(client, methodist, five_plans):
    body = get(client, methodist).content.decode()
    assert "Страница" not in body and "Партнёр объединения 5" in body
    client.force_login(methodist)
    empty = client.get(reverse("plans:consolidated", args=[YEAR + 5]), {"page": "2"})
    assert empty.status_code == 200 and "Страница" not in empty.content.decode()


def test_it_pages_only_the_plans_the_user_sees(client, owner, plan, five_plans, two_a_page):
    plan.year = YEAR
    plan.save()
    PlanRowFactory(plan=plan, partner=PartnerFactory(name="Свой партнёр"))
    body = get(client, owner).content.decode()
    assert "Свой партнёр" in body and "Партнёр объединения" not in body
    assert "Страница" not in body


def test_it_costs_the_same_queries_on_page_two(
    client, methodist, five_plans, two_a_page, django_assert_max_num_queries
):
    client.force_login(methodist)
    url = reverse("plans:consolidated", args=[YEAR])
    with django_assert_max_num_queries(25) as first:
        client.get(url)
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(url, {"page": 2}).status_code == 200
