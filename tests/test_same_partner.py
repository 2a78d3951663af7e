"""One rule for «the same partner»: the normalised name, stored, unique, used everywhere."""

import importlib

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from partners.models import Partner, Tier
from partners.naming import PartnerIndex, name_key, normalise_name, similar_partners
from plans.editor.services import EditRefused, create_partner
from tests.factories import CategoryFactory, PartnerFactory, UserFactory

VARIANTS = [
    ("ПЧ - 48", "ПЧ-48"),
    ("ПЧ – 48", "ПЧ-48"),
    ("ПЧ—48", "ПЧ - 48"),
    ("ПЧ 48", "ПЧ-48"),
    ("Школа №4", "школа № 4"),
    ("МБОУ «СОШ № 4»", "МБОУ СОШ № 4"),
    ('МБОУ "СОШ №4"', "мбоу сош № 4"),
    ("«МБОУ СОШ № 4»", "МБОУ «СОШ № 4»"),
    ("Детский сад «Тополёк»", "ДЕТСКИЙ САД „Тополек“"),
    ("Музей 'Память'", "Музей «Память»"),
    ("  Дом   культуры  ", "дом культуры"),
    ("Дом-музей", "Дом - музей"),
    ("Е\u0308лочка", "Ёлочка"),  # a decomposed «ё»
]

DIFFERENT = [
    ("МБОУ СОШ № 4", "МАОУ СОШ № 4"),  # another legal form: similar, not the same
    ("МБОУ СОШ № 4", "МБОУ СОШ № 14"),
    ("ПЧ-48", "ПЧ-4"),
    ("Ёлочка", "Йолочка"),
]


@pytest.mark.parametrize(("a", "b"), VARIANTS)
def test_it_takes_the_listed_variants_for_the_same_partner(a, b):
    assert normalise_name(a) == normalise_name(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_it_tells_different_partners_apart(a, b):
    assert normalise_name(a) != normalise_name(b)


@given(st.text())
def test_it_normalises_idempotently(text):
    key = normalise_name(text)
    assert normalise_name(key) == key
    assert name_key(name_key(text)) == name_key(text)


QUOTE_PAIRS = [("«", "»"), ('"', '"'), ("“", "”"), ("„", "“"), ("'", "'"), ("", "")]
HYPHENS = ["-", " - ", " – ", "—", " -", "- ", " "]


@given(
    st.sampled_from(["ПЧ", "ДК", "СОШ", "Гимназия", "Лицей", "Дом"]),
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["Ёлочка", "Тополёк", "Память", "Сибирь"]),
    st.sampled_from(QUOTE_PAIRS),
    st.sampled_from(HYPHENS),
    st.sampled_from(["№", "№ ", "№  ", ""]),
    st.booleans(),
    st.booleans(),
)
def test_it_finds_the_same_key_for_every_spelling(
    word, number, title, quotes, hyphen, sign, upper, plain_e
):
    canonical = f"МБОУ {word}-{number} «{title}» № {number}"
    left, right = quotes
    variant = f"МБОУ {left}{word}{hyphen}{number} {left}{title}{right} {sign}{number}{right}"
    variant = variant.upper() if upper else variant.lower()
    if plain_e:
        variant = variant.replace("ё", "е").replace("Ё", "Е")
    assert normalise_name(variant) == normalise_name(canonical)


# --------------------------------------------------------------------------- the stored key


@pytest.fixture
def category(db):
    return CategoryFactory(name="Правоохранительные органы", tier=Tier.EXTERNAL)


def test_it_stores_the_key_on_every_save(category):
    partner = Partner.objects.create(name="ПЧ - 48", category=category)
    assert partner.name_key == "пч 48"
    partner.name = "Пожарная часть № 48"
    partner.save(update_fields=["name"])
    partner.refresh_from_db()
    assert partner.name_key == "пожарная часть 48"


def test_the_database_refuses_a_second_partner_with_the_same_key(category):
    Partner.objects.create(name="ПЧ-48", category=category)
    with pytest.raises(IntegrityError), transaction.atomic():
        Partner.objects.create(name="пч – 48", category=category)
    assert Partner.objects.count() == 1


def test_it_finds_the_same_partner_by_the_stored_key(category, django_assert_num_queries):
    partner = PartnerFactory(name="ПЧ-48", category=category)
    PartnerFactory(name="ПЧ-4", category=category)
    with django_assert_num_queries(1):
        assert Partner.objects.same_as("«пч - 48»") == partner
    assert Partner.objects.same_as("ПЧ 49") is None
    assert Partner.objects.exclude(pk=partner.pk).same_as("ПЧ 48") is None
    assert Partner.objects.same_as("«»") is None


def test_the_upgrade_fills_the_keys_and_keeps_older_duplicates_apart(category):
    first = PartnerFactory(name="Первый", category=category)
    second = PartnerFactory(name="Второй", category=category)
    other = PartnerFactory(name="ДК «Сибирь»", category=category)
    # As an older registry had them: two spellings of one partner, no keys yet.
    Partner.objects.filter(pk=first.pk).update(name="ПЧ-48", name_key="a")
    Partner.objects.filter(pk=second.pk).update(name="ПЧ - 48", name_key="b")
    Partner.objects.filter(pk=other.pk).update(name_key="c")
    migration = importlib.import_module("partners.migrations.0004_partner_name_key")

    migration.fill_name_keys(apps, None)

    keys = dict(Partner.objects.values_list("pk", "name_key"))
    assert keys == {first.pk: "пч 48", second.pk: f"пч 48 #{second.pk}", other.pk: "дк сибирь"}
    assert Partner.objects.same_as("ПЧ 48") == first
    # The duplicate keeps its key apart while its name stays, so it can be edited and merged.
    second.refresh_from_db()
    second.phone = "01"
    second.save()
    second.refresh_from_db()
    assert second.name_key == f"пч 48 #{second.pk}"
    Partner.objects.filter(pk=first.pk).delete()
    assert Partner.objects.same_as("ПЧ-48") == second


# --------------------------------------------------------------------------- who uses the rule


def test_the_registry_form_refuses_the_same_partner_naming_it(client, administrator, category):
    PartnerFactory(name="ПЧ-48", category=category)
    client.force_login(administrator)
    response = client.post(
        reverse("partners:create"),
        {
            "name": "пч - 48", "category": category.pk, "confirm_similar": "on",
            "contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0",
            "contacts-MIN_NUM_FORMS": "0", "contacts-MAX_NUM_FORMS": "50",
        },
    )
    assert response.status_code == 200
    assert "В реестре уже есть этот партнёр: «ПЧ-48»." in response.content.decode()
    assert Partner.objects.count() == 1


def test_the_registry_form_lets_a_partner_keep_its_own_name(client, administrator, category):
    partner = PartnerFactory(name="ПЧ-48", category=category)
    client.force_login(administrator)
    response = client.post(
        reverse("partners:edit", args=[partner.pk]),
        {
            "name": "ПЧ - 48", "category": category.pk, "phone": "01",
            "contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0",
            "contacts-MIN_NUM_FORMS": "0", "contacts-MAX_NUM_FORMS": "50",
        },
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.name, partner.phone) == ("ПЧ - 48", "01")


def test_quick_create_finds_the_existing_partner(category):
    existing = PartnerFactory(name="ПЧ-48", category=category)
    assert Partner.objects.same_as("ПЧ - 48") == existing
    with pytest.raises(EditRefused, match="«ПЧ-48»"):
        create_partner(name="ПЧ - 48", category=category)
    assert Partner.objects.count() == 1


def test_the_importers_index_and_merge_suggestions_use_the_rule(category):
    existing = PartnerFactory(name="МБОУ «СОШ № 4»", short_name="Школа №4", category=category)
    index = PartnerIndex()
    assert index.find("мбоу сош №4") == existing
    assert index.find("Школа № 4") == existing
    assert [s.partner for s in similar_partners("МБОУ СОШ №4")] == [existing]


# The partner admin's URL field (not this feature) warns of Django 6's https default.
@pytest.mark.filterwarnings("ignore:The default scheme will be changed")
def test_the_admin_refuses_the_same_partner_next_to_the_name(client, category):
    PartnerFactory(name="ПЧ-48", category=category)
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    response = client.post(reverse("admin:partners_partner_add"), {
        "name": "ПЧ 48", "category": category.pk, "is_active": "on",
        "contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0", "contacts-MAX_NUM_FORMS": "1000",
    })
    assert response.status_code == 200
    assert "В реестре уже есть этот партнёр: «ПЧ-48»." in response.content.decode()
    assert Partner.objects.count() == 1
