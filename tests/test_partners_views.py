"""The registry pages: search, filters, a partner with its contacts and plan rows."""

import pytest
from django.urls import reverse

from partners.models import Tier
from tests.factories import (
    CategoryFactory,
    ContactFactory,
    PartnerFactory,
    PlanFactory,
    PlanRowFactory,
)


@pytest.fixture
def registry(db):
    school = CategoryFactory(name="Образовательные организации", tier=Tier.EXTERNAL)
    parents = CategoryFactory(name="Родительская общественность", tier=Tier.INTERNAL)
    return {
        "school": PartnerFactory(name="МБОУ СОШ № 4", category=school),
        "gym": PartnerFactory(name="МБОУ гимназия", category=school),
        "parents": PartnerFactory(name="Родители, законные представители", category=parents),
    }


def test_it_requires_login(client, registry):
    assert client.get(reverse("partners:list")).status_code == 302


def test_it_searches_by_name_and_contact(client, owner, registry):
    ContactFactory(partner=registry["gym"], name="Сидорова Мария")
    client.force_login(owner)
    body = client.get(reverse("partners:list"), {"q": "сош"}).content.decode()
    assert "МБОУ СОШ № 4" in body and "МБОУ гимназия" not in body
    body = client.get(reverse("partners:list"), {"q": "Сидорова"}).content.decode()
    assert "МБОУ гимназия" in body and "МБОУ СОШ № 4" not in body


def test_it_filters_by_tier_and_category(client, owner, registry):
    client.force_login(owner)
    body = client.get(reverse("partners:list"), {"tier": "internal"}).content.decode()
    assert "Родители, законные представители" in body and "МБОУ СОШ № 4" not in body
    category = registry["school"].category.pk
    body = client.get(reverse("partners:list"), {"category": category}).content.decode()
    assert "МБОУ СОШ № 4" in body and "Родители" not in body


@pytest.mark.parametrize("bad", [{"tier": "nope"}, {"category": "x"}, {"q": "x" * 500}])
def test_it_survives_malformed_filters(client, owner, registry, bad):
    client.force_login(owner)
    assert client.get(reverse("partners:list"), bad).status_code == 200


def test_it_shows_a_partner_with_contacts_and_only_visible_plan_rows(
    client, owner, plan, other_unit, registry
):
    partner = registry["school"]
    ContactFactory(partner=partner, name="Иванов Иван", position="Завуч")
    PlanRowFactory(plan=plan, partner=partner)
    foreign = PlanRowFactory(plan=PlanFactory(unit=other_unit), partner=partner)
    client.force_login(owner)
    body = client.get(partner.get_absolute_url()).content.decode()
    assert "Иванов Иван" in body and "Завуч" in body
    assert plan.get_absolute_url() in body
    assert foreign.plan.get_absolute_url() not in body


def test_it_is_404_for_an_unknown_partner(client, owner):
    client.force_login(owner)
    assert client.get(reverse("partners:detail", args=[999999])).status_code == 404


def test_it_lists_partners_in_a_fixed_number_of_queries(
    client, owner, registry, django_assert_max_num_queries
):
    client.force_login(owner)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("partners:list"))
    for _ in range(25):
        PartnerFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("partners:list"))
