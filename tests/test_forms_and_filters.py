"""Issue 11, forms and filters: «Все» and «Любой / да / нет» in filters, the current academic
year by default, the institution's full name in full, one partner search rule (any word order,
ё/е, the abbreviations people use), look-alikes before a quick-create, and registry counts of
only the plans the user may see."""

import pytest
from django.urls import reverse

from partners import search
from partners.models import Partner, Tier
from plans.models import current_academic_year
from tests.factories import (
    CategoryFactory,
    InstitutionFactory,
    PartnerFactory,
    PlanFactory,
    PlanRowFactory,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def schools(db):
    return CategoryFactory(name="Образовательные организации", tier=Tier.EXTERNAL, order=1)


@pytest.fixture
def registry(schools):
    names = [
        "МБОУ СОШ № 4", "МБОУ гимназия", "МАОУ Лицей № 7", "МБДОУ Детский сад «Тополёк»",
        "МБДОУ ДОУ № 12", "МУЗ СЦРБ", "Детская библиотека", "Музей истории ремесел",
        "Ледовый дворец",
    ]
    return {name: PartnerFactory(name=name, category=schools) for name in names}


def names(queryset):
    return {partner.name for partner in queryset}


# --- the search rule -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("школа", {"МБОУ СОШ № 4", "МБОУ гимназия", "МАОУ Лицей № 7"}),
        ("школа 4", {"МБОУ СОШ № 4"}),
        ("4 сош", {"МБОУ СОШ № 4"}),
        ("гимназия", {"МБОУ гимназия"}),
        ("лицей", {"МАОУ Лицей № 7"}),
        ("детский сад", {"МБДОУ Детский сад «Тополёк»", "МБДОУ ДОУ № 12"}),
        ("д/с", {"МБДОУ Детский сад «Тополёк»", "МБДОУ ДОУ № 12"}),
        ("доу", {"МБДОУ Детский сад «Тополёк»", "МБДОУ ДОУ № 12"}),
        ("тополек", {"МБДОУ Детский сад «Тополёк»"}),
        ("«Тополёк» сад", {"МБДОУ Детский сад «Тополёк»"}),
        ("больница", {"МУЗ СЦРБ"}),
        ("ЦРБ", {"МУЗ СЦРБ"}),
        ("библиотеки", {"Детская библиотека"}),
        ("музей ремёсел", {"Музей истории ремесел"}),
        ("дворец ледовый", {"Ледовый дворец"}),
    ],
)
def test_it_matches_words_in_any_order_with_abbreviations(registry, query, expected):
    assert names(search.matching(Partner.objects.all(), query)) == expected


def test_it_finds_the_school_in_the_registry_search(client, owner, registry):
    client.force_login(owner)
    body = client.get(reverse("partners:list"), {"q": "школа"}).content.decode()
    assert "МБОУ СОШ № 4" in body and "Ледовый дворец" not in body


def test_it_finds_the_school_in_the_editors_search(client, owner, plan, registry):
    client.force_login(owner)
    url = reverse("plans:partner_search", args=[plan.pk])
    body = client.get(url, {"q": "школа"}).content.decode()
    assert "МБОУ СОШ № 4" in body and "Ледовый дворец" not in body
    page = client.post(reverse("plans:row_add", args=[plan.pk]), {"find": "1", "q": "школа 4"})
    assert "МБОУ СОШ № 4" in page.content.decode()


# --- look-alikes before a quick-create -------------------------------------------------------


def quick(client, plan, schools, name, **extra):
    data = {"quick_create": "1", "new_partner_name": name, "new_partner_category": schools.pk,
            "characteristic": "Мои цели."}
    data.update(extra)
    return client.post(reverse("plans:row_add", args=[plan.pk]), data)


@pytest.mark.parametrize("htmx", [False, True])
def test_it_shows_look_alikes_before_creating_a_partner(
    client, owner, plan, schools, registry, htmx
):
    client.force_login(owner)
    data = {"quick_create": "1", "new_partner_name": "Школа № 4",
            "new_partner_category": schools.pk, "characteristic": "Мои цели."}
    response = client.post(
        reverse("plans:row_add", args=[plan.pk]), data, **(HTMX if htmx else {})
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert not Partner.objects.filter(name="Школа № 4").exists()
    assert "похожие на «Школа № 4»" in body
    school = registry["МБОУ СОШ № 4"]
    assert f'name="choose_partner" value="{school.pk}"' in body
    assert "Ледовый дворец</button>" not in body
    assert "Мои цели." in body


def test_it_shows_look_alikes_before_saving_a_row_with_a_new_partner(
    client, owner, plan, schools, registry
):
    client.force_login(owner)
    response = client.post(
        reverse("plans:row_add", args=[plan.pk]),
        {"new_partner_name": "Школа № 4", "new_partner_category": schools.pk},
    )
    assert "похожие на «Школа № 4»" in response.content.decode()
    assert not plan.rows.exists() and not Partner.objects.filter(name="Школа № 4").exists()


def test_it_chooses_a_look_alike(client, owner, plan, schools, registry):
    client.force_login(owner)
    school = registry["МБОУ СОШ № 4"]
    response = quick(client, plan, schools, "Школа № 4", choose_partner=str(school.pk))
    body = response.content.decode()
    assert f'<option value="{school.pk}" selected>' in body
    assert not Partner.objects.filter(name="Школа № 4").exists()


def test_it_creates_the_new_partner_when_confirmed(client, owner, plan, schools, registry):
    client.force_login(owner)
    response = quick(client, plan, schools, "Школа № 4", confirm_new="1")
    created = Partner.objects.get(name="Школа № 4")
    assert f'<option value="{created.pk}" selected>' in response.content.decode()


def test_it_creates_a_partner_without_look_alikes_at_once(client, owner, plan, schools, registry):
    client.force_login(owner)
    quick(client, plan, schools, "Ансамбль «Калинка»")
    assert Partner.objects.filter(name="Ансамбль «Калинка»").exists()


# --- filters -----------------------------------------------------------------------------------


def test_it_offers_all_and_any_yes_no_in_the_registry_filters(client, owner, registry):
    client.force_login(owner)
    body = client.get(reverse("partners:list")).content.decode()
    assert "---------" not in body and "Неизвестно" not in body
    assert '<option value="" selected>Все</option>' in body
    assert ">Любой</option>" in body and ">да</option>" in body and ">нет</option>" in body


def test_it_filters_inactive_partners(client, owner, registry):
    registry["Ледовый дворец"].is_active = False
    registry["Ледовый дворец"].save()
    client.force_login(owner)
    inactive = client.get(reverse("partners:list"), {"is_active": "false"}).content.decode()
    active = client.get(reverse("partners:list"), {"is_active": "true"}).content.decode()
    assert "Ледовый дворец" in inactive and "МБОУ СОШ № 4" not in inactive
    assert "Ледовый дворец" not in active and "МБОУ СОШ № 4" in active


@pytest.mark.parametrize("who", ["owner", "other_teacher", "methodist", "administrator"])
def test_it_shows_all_in_every_plan_and_coverage_filter(client, request, who, plan):
    client.force_login(request.getfixturevalue(who))
    for url in [reverse("plans:list"), reverse("coverage:index"), reverse("agreements:list")]:
        body = client.get(url).content.decode()
        assert "---------" not in body, url


@pytest.mark.parametrize("who", ["owner", "other_teacher", "methodist", "administrator"])
def test_it_defaults_the_plan_list_to_the_current_academic_year(client, request, who, unit):
    current = current_academic_year()
    this_year = PlanFactory(unit=unit, year=current)
    last_year = PlanFactory(unit=unit, year=current - 1)
    client.force_login(request.getfixturevalue(who))
    body = client.get(reverse("plans:list")).content.decode()
    assert f'<option value="{current}" selected>' in body
    assert last_year.get_absolute_url() not in body
    if who != "other_teacher":
        assert this_year.get_absolute_url() in body
        every = client.get(reverse("plans:list"), {"year": ""}).content.decode()
        assert last_year.get_absolute_url() in every


def test_it_shows_the_institutions_full_name_in_full(client, administrator):
    long_name = (
        "Муниципальное бюджетное учреждение дополнительного образования Центр «Созвездие»"
    )
    InstitutionFactory(name=long_name)
    client.force_login(administrator)
    body = client.get(reverse("institution")).content.decode()
    assert f"\n{long_name}</textarea>" in body  # the whole name, on as many lines as it needs


# --- registry counts ---------------------------------------------------------------------------


def test_it_counts_only_rows_of_plans_the_user_may_see(
    client, owner, other_teacher, methodist, plan, schools
):
    partner = PartnerFactory(name="КЦСОН «Ирида»", category=schools)
    PlanRowFactory(plan=plan, partner=partner)
    PlanRowFactory(plan=PlanFactory(unit=plan.unit, year=2024), partner=partner)

    def count(user):
        client.force_login(user)
        response = client.get(reverse("partners:list"), {"q": "Ирида"})
        line = next(line for line in response.context["lines"] if line[0] == partner)
        return line[1][0]

    assert count(owner) == 2 and count(methodist) == 2
    assert count(other_teacher) == 0
