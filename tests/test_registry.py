"""Keeping the registry: creating, editing, archiving partners; contacts; similar names; merging."""

import pytest
from django.urls import reverse

from partners.models import Agreement, Contact, Partner, Partnership, Stage, Tier
from partners.naming import comparable_name, normalise_name, similar_partners, similarity
from partners.services import MergeRefused, merge_partners
from plans.merging import preview_rows
from plans.models import Activity, Comment, Plan, PlanRow
from tests.factories import (
    ActivityFactory,
    CategoryFactory,
    ContactFactory,
    DirectionFactory,
    PartnerFactory,
    PlanFactory,
    PlanRowFactory,
    UnitFactory,
)


@pytest.fixture
def school_category(db):
    return CategoryFactory(name="Образовательные организации", tier=Tier.EXTERNAL)


def partner_data(category_, **overrides):
    data = {
        "name": "МБОУ СОШ № 7",
        "short_name": "Школа № 7",
        "category": category_.pk,
        "address": "ул. Ленина, 1",
        "phone": "+7 900 000-00-00",
        "email": "school7@example.ru",
        "site": "https://school7.example.ru",
        "notes": "Давний партнёр",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "50",
        "contacts-0-name": "Сидорова Мария Ивановна",
        "contacts-0-position": "Заместитель директора",
        "contacts-0-phone": "+7 900 111-11-11",
        "contacts-0-email": "sidorova@example.ru",
    }
    data.update(overrides)
    return data


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ПЧ - 48", "ПЧ-48"),
        ('Музей "Память"', "Музей «Память»"),
        ("Детский сад «Тополёк»", "детский сад тополек"),
        ("МБОУ СОШ №4", "мбоу сош № 4"),
    ],
)
def test_it_normalises_names_strictly(a, b):
    assert normalise_name(a) == normalise_name(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("МБОУ СОШ № 4", "МАОУ СОШ №4"),
        ("Муниципальное бюджетное общеобразовательное учреждение средняя "
         "общеобразовательная школа № 4", "МБОУ СОШ № 4"),
    ],
)
def test_it_ignores_legal_forms_when_comparing(a, b):
    assert comparable_name(a) == comparable_name(b)
    assert similarity(a, b) == 1.0


@pytest.mark.parametrize(
    ("a", "b", "alike"),
    [
        ("МБОУ СОШ № 4", "МБОУ СОШ № 1", False),
        ("Детская библиотека", "Центральная детская библиотека", True),
        ("Ледовый дворец", "Ледовый дворец спорта", True),
        ("ГИБДД", "Ледовый дворец", False),
        ("Реабилитационный центр «Солнышко»", "Реабилитационный центр Солнышко", True),
    ],
)
def test_it_tells_similar_names(a, b, alike):
    assert (similarity(a, b) >= 0.86) is alike


def test_it_finds_similar_partners_by_name_and_short_name(school_category):
    PartnerFactory(name="Муниципальная детская библиотека", category=school_category)
    PartnerFactory(name="РЦКиД «Сибирь»", short_name="Центр культуры «Сибирь»",
                   category=school_category)
    assert [s.partner.name for s in similar_partners("Детская библиотека")] == [
        "Муниципальная детская библиотека"
    ]
    assert [s.partner.name for s in similar_partners("центр культуры Сибирь")] == [
        "РЦКиД «Сибирь»"
    ]


# --------------------------------------------------------------------------- create and edit


def test_it_creates_a_partner_with_a_contact(client, administrator, school_category):
    client.force_login(administrator)
    response = client.post(reverse("partners:create"), partner_data(school_category))
    partner = Partner.objects.get(name="МБОУ СОШ № 7")
    assert response.status_code == 302 and response.url == partner.get_absolute_url()
    assert partner.site == "https://school7.example.ru" and partner.is_active
    contact = partner.contacts.get()
    assert (contact.name, contact.position) == ("Сидорова Мария Ивановна",
                                                "Заместитель директора")
    body = client.get(partner.get_absolute_url()).content.decode()
    assert "Сидорова Мария Ивановна" in body and "ул. Ленина, 1" in body


def test_it_warns_about_a_similar_name_until_confirmed(client, administrator, school_category):
    PartnerFactory(name="МАОУ СОШ № 7", category=school_category)
    client.force_login(administrator)
    response = client.post(reverse("partners:create"), partner_data(school_category))
    assert response.status_code == 200
    body = response.content.decode()
    assert "МАОУ СОШ № 7" in body and "похожим наименованием" in body
    assert not Partner.objects.filter(name="МБОУ СОШ № 7").exists()
    response = client.post(
        reverse("partners:create"), partner_data(school_category, confirm_similar="on")
    )
    assert response.status_code == 302
    assert Partner.objects.filter(name="МБОУ СОШ № 7").exists()


def test_it_refuses_the_same_name_written_differently(client, administrator, school_category):
    PartnerFactory(name="МБОУ СОШ № 7", category=school_category)
    client.force_login(administrator)
    response = client.post(
        reverse("partners:create"),
        partner_data(school_category, name="мбоу  сош №7", confirm_similar="on"),
    )
    assert response.status_code == 200
    assert "уже есть этот партнёр" in response.content.decode()
    assert Partner.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", ""), ("email", "not-an-email"), ("site", "javascript:alert(1)"),
     ("category", "999999"), ("contacts-0-email", "нет")],
)
def test_it_refuses_bad_input_next_to_the_field(client, administrator, school_category,
                                                field, value):
    client.force_login(administrator)
    response = client.post(
        reverse("partners:create"), partner_data(school_category, **{field: value})
    )
    assert response.status_code == 200
    assert not Partner.objects.exists() and not Contact.objects.exists()


def test_it_edits_a_partner_and_removes_a_contact(client, administrator, school_category):
    partner = PartnerFactory(name="МБОУ СОШ № 7", category=school_category)
    contact = ContactFactory(partner=partner, name="Старый Контакт")
    client.force_login(administrator)
    page = client.get(reverse("partners:edit", args=[partner.pk]))
    assert page.status_code == 200 and "Старый Контакт" in page.content.decode()
    data = partner_data(
        school_category,
        address="ул. Мира, 5",
        **{
            "contacts-TOTAL_FORMS": "2", "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": str(contact.pk), "contacts-0-partner": str(partner.pk),
            "contacts-0-name": "Старый Контакт", "contacts-0-DELETE": "on",
            "contacts-1-name": "Новый Контакт", "contacts-1-position": "",
            "contacts-1-phone": "", "contacts-1-email": "",
        },
    )
    response = client.post(reverse("partners:edit", args=[partner.pk]), data)
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.address == "ул. Мира, 5"
    assert list(partner.contacts.values_list("name", flat=True)) == ["Новый Контакт"]
    assert partner.history.count() == 2


def test_it_archives_and_restores(client, administrator, school_category):
    partner = PartnerFactory(category=school_category)
    client.force_login(administrator)
    assert client.get(reverse("partners:archive", args=[partner.pk])).status_code == 405
    client.post(reverse("partners:archive", args=[partner.pk]))
    partner.refresh_from_db()
    assert not partner.is_active
    assert "Восстановить" in client.get(partner.get_absolute_url()).content.decode()
    client.post(reverse("partners:restore", args=[partner.pk]))
    partner.refresh_from_db()
    assert partner.is_active


def test_it_gives_hints_of_similar_names_while_typing(client, administrator, school_category):
    PartnerFactory(name="Детская библиотека", category=school_category)
    client.force_login(administrator)
    body = client.get(reverse("partners:similar"), {"name": "Детская библиотека № "}).content
    assert "Детская библиотека" in body.decode()
    assert client.get(reverse("partners:similar"), {"name": "ГИБДД"}).content.strip() == b""


@pytest.mark.parametrize("persona", ["owner", "methodist"])
def test_it_lets_only_administrators_keep_the_registry(client, request, school_category,
                                                         persona):
    user = request.getfixturevalue(persona)
    partner = PartnerFactory(category=school_category)
    client.force_login(user)
    assert client.post(reverse("partners:create"), partner_data(school_category)).status_code \
        == 403
    assert client.post(reverse("partners:archive", args=[partner.pk])).status_code == 403
    body = client.get(partner.get_absolute_url()).content.decode()
    assert reverse("partners:edit", args=[partner.pk]) not in body


# --------------------------------------------------------------------------- merging


@pytest.fixture
def duplicates(school_category, unit, other_unit, administrator):
    keep = PartnerFactory(name="МБОУ СОШ № 4", category=school_category, address="")
    drop = PartnerFactory(name="Школа № 4", category=school_category, address="ул. Школьная, 4",
                          notes="Вход со двора")
    shared_plan = PlanFactory(unit=unit, year=2025)
    own_plan = PlanFactory(unit=other_unit, year=2025)
    art, sport = DirectionFactory(name="художественное"), DirectionFactory(name="спортивное")
    kept_row = PlanRowFactory(plan=shared_plan, partner=keep, characteristic="Преемственность.")
    kept_row.directions.add(art)
    ActivityFactory(row=kept_row, title="Открытое занятие", order=1)
    dropped_row = PlanRowFactory(plan=shared_plan, partner=drop, characteristic="Досуг.")
    dropped_row.directions.add(art, sport)
    ActivityFactory(row=dropped_row, title="Эстафета", order=1)
    ActivityFactory(row=dropped_row, title="Концерт", order=2)
    Comment.objects.create(plan=shared_plan, row=dropped_row, text="Уточнить даты")
    moving_row = PlanRowFactory(plan=own_plan, partner=drop)
    ActivityFactory(row=moving_row, title="Экскурсия")
    agreement = Agreement.objects.create(partner=drop, unit=unit, number="12",
                                         valid_from="2025-09-01")
    agreement.plan_rows.add(dropped_row)
    Partnership.objects.create(partner=keep, unit=unit, stage=Stage.PREPARATORY,
                               checklist={"motivation": True})
    Partnership.objects.create(partner=drop, unit=unit, stage=Stage.ORGANIZATIONAL,
                               checklist={"agreements": True})
    Partnership.objects.create(partner=drop, unit=other_unit)
    ContactFactory(partner=drop, name="Директор школы")
    return {"keep": keep, "drop": drop, "shared_plan": shared_plan, "own_plan": own_plan,
            "agreement": agreement}


def test_it_merges_a_duplicate_and_loses_nothing(duplicates):
    keep, drop = duplicates["keep"], duplicates["drop"]
    activities = Activity.objects.count()
    preview = preview_rows(keep, drop)
    assert (preview.rows_moved, preview.rows_merged) == (1, 1)
    summary = merge_partners(keep, drop)
    assert "строк планов — 2" in summary.moved
    assert not Partner.objects.filter(pk=drop.pk).exists()
    assert Activity.objects.count() == activities
    row = PlanRow.objects.get(plan=duplicates["shared_plan"], partner=keep)
    assert list(row.activities.values_list("title", flat=True)) == [
        "Открытое занятие", "Эстафета", "Концерт",
    ]
    assert sorted(row.directions.values_list("name", flat=True)) == ["спортивное",
                                                                    "художественное"]
    assert row.characteristic == "Преемственность. Досуг."
    assert row.comments.get().text == "Уточнить даты"
    assert PlanRow.objects.get(plan=duplicates["own_plan"]).partner == keep
    agreement = duplicates["agreement"]
    agreement.refresh_from_db()
    assert agreement.partner == keep and list(agreement.plan_rows.all()) == [row]
    unit_partnership = keep.partnerships.get(unit=duplicates["shared_plan"].unit)
    assert unit_partnership.stage == Stage.ORGANIZATIONAL
    assert unit_partnership.checklist == {"motivation": True, "agreements": True}
    assert keep.partnerships.count() == 2
    assert list(keep.contacts.values_list("name", flat=True)) == ["Директор школы"]
    keep.refresh_from_db()
    assert keep.address == "ул. Школьная, 4" and "Вход со двора" in keep.notes
    # The history keeps the deleted duplicate.
    assert drop.history.model.objects.filter(id=drop.pk, history_type="-").exists()


def test_it_merges_in_the_browser_after_a_preview(client, administrator, duplicates):
    keep, drop = duplicates["keep"], duplicates["drop"]
    client.force_login(administrator)
    url = reverse("partners:merge", args=[keep.pk])
    preview = client.get(url, {"other": drop.pk})
    assert preview.status_code == 200
    assert "1 строка объединяется" in preview.content.decode()
    assert Partner.objects.filter(pk=drop.pk).exists()
    response = client.post(url, {"other": drop.pk, "confirm": "1"})
    assert response.status_code == 302 and response.url == keep.get_absolute_url()
    assert not Partner.objects.filter(pk=drop.pk).exists()


def approve(plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)


def snapshot():
    """Everything a merge may change, to compare before and after."""
    return (
        sorted(Partner.objects.values_list("pk", "name", "address", "notes")),
        sorted(PlanRow.objects.values_list("pk", "plan_id", "partner_id", "characteristic")),
        sorted(Activity.objects.values_list("pk", "row_id", "order")),
        sorted(Agreement.objects.values_list("pk", "partner_id")),
        sorted(Partnership.objects.values_list("pk", "partner_id", "stage")),
        sorted(Contact.objects.values_list("pk", "partner_id")),
        sorted(Comment.objects.values_list("pk", "row_id")),
    )


@pytest.mark.parametrize("approved", ["shared_plan", "own_plan"])
def test_it_refuses_to_merge_into_an_approved_plan_and_changes_nothing(duplicates, approved):
    approve(duplicates[approved])
    before = snapshot()
    with pytest.raises(MergeRefused) as refused:
        merge_partners(duplicates["keep"], duplicates["drop"])
    assert f"план «{duplicates[approved]}» утверждён" in str(refused.value)
    assert "верните его в черновик" in str(refused.value)
    assert snapshot() == before


def test_it_names_the_approved_plan_on_the_merge_page(client, administrator, duplicates):
    keep, drop, plan = duplicates["keep"], duplicates["drop"], duplicates["own_plan"]
    approve(plan)
    client.force_login(administrator)
    url = reverse("partners:merge", args=[keep.pk])
    before = snapshot()
    preview = client.get(url, {"other": drop.pk}).content.decode()
    assert f"план «{plan}» утверждён; верните его в черновик" in preview
    assert 'name="confirm"' not in preview
    response = client.post(url, {"other": drop.pk, "confirm": "1"})
    assert response.status_code == 200
    assert f"план «{plan}» утверждён" in response.content.decode()
    assert snapshot() == before


def test_it_merges_once_the_plan_is_back_in_draft(duplicates):
    plan = duplicates["own_plan"]
    approve(plan)
    with pytest.raises(MergeRefused):
        merge_partners(duplicates["keep"], duplicates["drop"])
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.DRAFT)
    merge_partners(duplicates["keep"], duplicates["drop"])
    assert PlanRow.objects.get(plan=plan).partner == duplicates["keep"]


def test_it_merges_a_partner_in_an_approved_plan_it_is_not_the_duplicate_of(duplicates):
    # Only the duplicate's plans change: the kept partner's own approved plans stay as they are.
    only_kept = PlanFactory(unit=UnitFactory(), year=2024)
    PlanRowFactory(plan=only_kept, partner=duplicates["keep"])
    approve(only_kept)
    merge_partners(duplicates["keep"], duplicates["drop"])
    assert not Partner.objects.filter(pk=duplicates["drop"].pk).exists()


def test_it_refuses_to_merge_a_partner_with_itself(client, administrator, school_category):
    partner = PartnerFactory(category=school_category)
    client.force_login(administrator)
    response = client.post(reverse("partners:merge", args=[partner.pk]),
                           {"other": partner.pk, "confirm": "1"})
    assert response.status_code == 200 and Partner.objects.filter(pk=partner.pk).exists()


def test_it_lets_only_administrators_merge(client, owner, duplicates):
    client.force_login(owner)
    url = reverse("partners:merge", args=[duplicates["keep"].pk])
    assert client.post(url, {"other": duplicates["drop"].pk, "confirm": "1"}).status_code == 403
    assert Partner.objects.filter(pk=duplicates["drop"].pk).exists()


def test_it_shows_the_registry_in_a_fixed_number_of_queries(
    client, administrator, school_category, django_assert_max_num_queries
):
    client.force_login(administrator)
    partner = PartnerFactory(category=school_category)
    unit = UnitFactory()
    for number in range(15):
        Agreement.objects.create(partner=partner, unit=unit, number=str(number),
                                 valid_from="2025-01-01")
        Partnership.objects.create(partner=partner, unit=UnitFactory())
    with django_assert_max_num_queries(16):
        response = client.get(partner.get_absolute_url())
    assert response.status_code == 200
