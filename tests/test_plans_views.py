"""Home, the plan list and the plan page, as every persona."""

import pytest
from django.urls import reverse

from tests.factories import (
    ActivityFactory,
    PartnerFactory,
    PlanFactory,
    PlanRowFactory,
    UnitFactory,
)


def test_it_sends_anonymous_users_to_the_login_page(client, plan):
    for url in [reverse("home"), reverse("plans:list"), plan.get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_it_shows_a_teacher_their_units_and_plans(client, owner, plan):
    client.force_login(owner)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "Творческое объединение «Тест»" in response.content.decode()
    assert plan.get_absolute_url() in response.content.decode()


def test_it_lists_only_own_plans_to_a_teacher(client, owner, plan, other_unit):
    foreign = PlanFactory(unit=other_unit, year=2025)
    client.force_login(owner)
    body = client.get(reverse("plans:list"), {"year": ""}).content.decode()  # «Все»
    assert plan.get_absolute_url() in body
    assert foreign.get_absolute_url() not in body


def test_it_lists_every_plan_to_a_methodist(client, methodist, plan, other_unit):
    foreign = PlanFactory(unit=other_unit, year=2025)
    client.force_login(methodist)
    body = client.get(reverse("plans:list"), {"year": ""}).content.decode()  # «Все»
    assert plan.get_absolute_url() in body
    assert foreign.get_absolute_url() in body


def test_it_filters_plans_by_year_unit_and_status(client, methodist, plan, other_unit):
    later = PlanFactory(unit=other_unit, year=2026, status="approved")
    client.force_login(methodist)
    body = client.get(reverse("plans:list"), {"year": 2026}).content.decode()
    assert later.get_absolute_url() in body and plan.get_absolute_url() not in body
    body = client.get(reverse("plans:list"), {"year": "", "unit": plan.unit.pk}).content.decode()
    assert plan.get_absolute_url() in body and later.get_absolute_url() not in body
    body = client.get(reverse("plans:list"), {"year": "", "status": "approved"}).content.decode()
    assert later.get_absolute_url() in body and plan.get_absolute_url() not in body


@pytest.mark.parametrize("bad", [{"year": "abc"}, {"unit": "999999"}, {"status": "<x>"}])
def test_it_survives_malformed_filters(client, methodist, plan, bad):
    client.force_login(methodist)
    assert client.get(reverse("plans:list"), bad).status_code == 200


def test_it_hides_another_units_plan_from_a_teacher(client, other_teacher, plan):
    client.force_login(other_teacher)
    assert client.get(plan.get_absolute_url()).status_code == 404


def test_it_shows_the_plan_table_to_owner_methodist_and_admin(
    client, owner, methodist, administrator, plan
):
    row = PlanRowFactory(plan=plan, partner=PartnerFactory(name="МБОУ СОШ № 4"))
    ActivityFactory(row=row, title="Мастер-класс «Цветы из салфеток»", months=1 << 9)
    for user in [owner, methodist, administrator]:
        client.force_login(user)
        body = client.get(plan.get_absolute_url()).content.decode()
        assert "МБОУ СОШ № 4" in body
        assert "Мастер-класс «Цветы из салфеток»" in body
        assert "Соц. партнёр" in body


def test_it_renders_the_plan_in_a_fixed_number_of_queries(
    client, methodist, plan, django_assert_max_num_queries
):
    def add_rows(n):
        for _ in range(n):
            row = PlanRowFactory(plan=plan)
            ActivityFactory.create_batch(3, row=row)

    add_rows(2)
    client.force_login(methodist)
    with django_assert_max_num_queries(12) as small:
        client.get(plan.get_absolute_url())
    add_rows(30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(plan.get_absolute_url())


def test_it_lists_plans_in_a_fixed_number_of_queries(
    client, methodist, django_assert_max_num_queries
):
    for _ in range(3):
        PlanFactory(unit=UnitFactory())
    client.force_login(methodist)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("plans:list"))
    for _ in range(20):
        PlanFactory(unit=UnitFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("plans:list"))


def test_it_shows_the_seed_plan_as_printed(client, demo):
    from django.contrib.auth import get_user_model

    from plans.models import Plan, current_academic_year

    client.force_login(get_user_model().objects.get(username="teacher"))
    plan = Plan.objects.get(year=current_academic_year() - 1)
    body = client.get(plan.get_absolute_url()).content.decode()
    assert "Комплексный план работы творческого объединения «Рукодельница»" in body
    assert "Медицинские и спортивные учреждения:" in body
    assert "Один раз в квартал" in body
    assert "УТВЕРЖДАЮ" in body
