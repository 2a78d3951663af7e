"""The plan editor (issue #3): rows — adding partners, editing, deleting and moving rows, with and
without htmx, and with bad input."""

import pytest

from partners.models import Partner, Tier
from plans.models import Activity, PlanRow
from tests.factories import (
    ActivityFactory,
    CategoryFactory,
    DirectionFactory,
    PartnerFactory,
    PlanFactory,
    PlanRowFactory,
)
from tests.plan_editing_support import HTMX, body, url

# --------------------------------------------------------------------------- rows


def test_it_adds_a_registry_partner_after_the_last_row(client, owner, plan, row, school1):
    direction = DirectionFactory(name="социальное")
    client.force_login(owner)
    response = client.post(
        url("row_add", plan.pk),
        {"partner": school1.pk, "characteristic": "Совместные акции.",
         "directions": [direction.pk]},
    )
    new = PlanRow.objects.get(partner=school1)
    assert response.status_code == 302
    assert response["Location"] == f"{plan.get_absolute_url()}?mode=edit#row-{new.pk}"
    assert new.order > row.order and list(new.directions.all()) == [direction]


def test_it_adds_a_partner_that_is_not_in_the_registry(client, owner, plan, schools):
    client.force_login(owner)
    client.post(
        url("row_add", plan.pk),
        {"new_partner_name": "  Музей   истории ремёсел ", "new_partner_category": schools.pk},
    )
    partner = Partner.objects.get(name="Музей истории ремёсел")
    assert partner.category == schools
    assert plan.rows.get().partner == partner


def test_it_creates_a_partner_from_the_row_form_without_adding_the_row(
    client, owner, plan, schools
):
    client.force_login(owner)
    response = client.post(
        url("row_add", plan.pk),
        {"quick_create": "1", "new_partner_name": "ДШИ № 2", "new_partner_category": schools.pk,
         "characteristic": "Мои цели."},
        **HTMX,
    )
    partner = Partner.objects.get(name="ДШИ № 2")
    page = body(response)
    assert f'<option value="{partner.pk}" selected>' in page
    assert "Мои цели." in page  # what was typed stays
    assert "добавлен в реестр и выбран" in response["HX-Trigger-After-Settle"].encode().decode(
        "unicode_escape"
    )
    assert not plan.rows.exists()


def test_it_narrows_the_partner_list_without_javascript(client, owner, plan, school4, school1):
    PartnerFactory(name="Ледовый дворец")
    client.force_login(owner)
    response = client.post(url("row_add", plan.pk), {"find": "1", "q": "сош"})
    page = body(response)
    assert response.status_code == 200
    assert "МБОУ СОШ № 1" in page and "МБОУ СОШ № 4" in page
    assert "Ледовый дворец" not in page
    assert "— найдено: 2 —" in page


@pytest.fixture
def fire_station(db):
    services = CategoryFactory(name="Службы", tier=Tier.EXTERNAL, order=4)
    return PartnerFactory(name="ПЧ-48", category=services)


@pytest.mark.parametrize("htmx", [False, True])
def test_it_chooses_the_same_registry_partner_instead_of_creating_a_second(
    client, owner, plan, schools, fire_station, htmx
):
    client.force_login(owner)
    response = client.post(
        url("row_add", plan.pk),
        {"quick_create": "1", "new_partner_name": "пч - 48", "new_partner_category": schools.pk,
         "characteristic": "Мои цели."},
        **(HTMX if htmx else {}),
    )
    page = body(response)
    assert response.status_code == 200
    assert Partner.objects.count() == 1
    assert f'<option value="{fire_station.pk}" selected>' in page
    assert "Мои цели." in page and not plan.rows.exists()
    if htmx:
        announced = response["HX-Trigger-After-Settle"].encode().decode("unicode_escape")
        assert "«ПЧ-48» уже есть в реестре: он выбран." in announced


def test_it_refuses_a_new_row_partner_that_is_the_same_as_a_registry_one(
    client, owner, plan, schools, fire_station
):
    client.force_login(owner)
    for extra in ({}, HTMX):
        response = client.post(
            url("row_add", plan.pk),
            {"new_partner_name": "ПЧ 48", "new_partner_category": schools.pk}, **extra,
        )
        assert "«ПЧ-48» уже есть в реестре" in body(response)
    assert Partner.objects.count() == 1 and not plan.rows.exists()


def test_it_lists_internal_partners_first_in_the_editor(client, owner, plan, school1):
    # The internal category's own order is after the schools': internal still comes first.
    departments = CategoryFactory(name="Отделы Центра", tier=Tier.INTERNAL, order=9)
    PartnerFactory(name="Отдел СОШ-проектов", category=departments)
    client.force_login(owner)

    page = body(client.get(plan.get_absolute_url(), {"mode": "edit"}))
    select = page[page.index('id="add-partner"'):]
    select = select[:select.index("</select>")]
    assert select.index('label="Отделы Центра"') < select.index('label="Образовательные')
    categories = page[page.index('id="add-new_partner_category"'):]
    assert categories.index("Отделы Центра") < categories.index("Образовательные организации")

    found = body(client.get(url("partner_search", plan.pk), {"q": "сош"}))
    assert found.index("Отдел СОШ-проектов") < found.index("МБОУ СОШ № 1")
    found = body(client.post(url("row_add", plan.pk), {"find": "1", "q": "сош"}))
    assert found.index("Отдел СОШ-проектов") < found.index("МБОУ СОШ № 1")


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({}, "Выберите партнёра из списка или введите нового ниже."),
        ({"partner": "999999"}, "Такого партнёра нет в реестре"),
        ({"partner": "abc"}, "Такого партнёра нет в реестре"),
        ({"partner": "school4"}, "«МБОУ СОШ № 4» уже есть в этом плане"),
        ({"partner": "school1", "new_partner_name": "Новый"}, "не то и другое сразу"),
        ({"new_partner_name": "Новый"}, "Выберите категорию нового партнёра."),
        ({"new_partner_name": "Новый", "new_partner_category": "999"}, "Выберите категорию из"),
        ({"new_partner_name": "мбоу сош № 1", "new_partner_category": "schools"},
         "«МБОУ СОШ № 1» уже есть в реестре"),
        ({"new_partner_name": "x" * 301, "new_partner_category": "schools"}, "не больше 300"),
        ({"partner": "school1", "characteristic": "x" * 2001}, "не больше 2000 символов"),
        ({"partner": "school1", "directions": ["999999"]}, "Выберите направления из списка"),
    ],
)
def test_it_refuses_a_bad_row_and_saves_nothing(
    client, owner, plan, row, school1, schools, data, field_message
):
    lookup = {"school4": row.partner_id, "school1": school1.pk, "schools": schools.pk}
    data = {k: lookup.get(v, v) if isinstance(v, str) else v for k, v in data.items()}
    partners_before = Partner.objects.count()
    client.force_login(owner)
    for extra in ({}, HTMX):
        response = client.post(url("row_add", plan.pk), data, **extra)
        assert response.status_code == 200
        assert field_message in body(response)
    assert plan.rows.count() == 1 and Partner.objects.count() == partners_before


def test_it_edits_a_row_in_place_with_htmx(client, owner, plan, row):
    direction = DirectionFactory(name="социальное")
    client.force_login(owner)
    editor = client.get(url("row_edit", plan.pk, row.pk), **HTMX)
    assert body(editor).lstrip().startswith(f'<tbody id="row-{row.pk}"')
    assert 'class="editor-row' in body(editor)
    response = client.post(
        url("row_edit", plan.pk, row.pk),
        {"partner": row.partner_id, "characteristic": "Новые цели.", "directions": [direction.pk],
         "version": row.version},
        **HTMX,
    )
    page = body(response)
    assert page.lstrip().startswith(f'<tbody id="row-{row.pk}"')
    assert "Новые цели." in page and "editor-row" not in page
    assert '<td class="col-num">2.</td>' in page  # numbered after its category heading
    row.refresh_from_db()
    assert row.characteristic == "Новые цели." and row.version == 2
    assert list(row.directions.all()) == [direction]


def test_it_edits_a_row_without_javascript_and_goes_back_to_it(client, owner, plan, row):
    client.force_login(owner)
    page = client.get(url("row_edit", plan.pk, row.pk))
    assert "<h1" in body(page) and "Строка «МБОУ СОШ № 4»" in body(page)
    response = client.post(
        url("row_edit", plan.pk, row.pk),
        {"partner": row.partner_id, "characteristic": "Другое.", "version": row.version},
    )
    assert response["Location"] == f"{plan.get_absolute_url()}?mode=edit#row-{row.pk}"
    messages = body(client.get(response["Location"]))
    assert "Строка «МБОУ СОШ № 4» сохранена." in messages


def test_it_refuses_a_row_edit_without_a_version(client, owner, plan, row):
    client.force_login(owner)
    response = client.post(
        url("row_edit", plan.pk, row.pk), {"partner": row.partner_id, "characteristic": "x"}
    )
    assert "Форма устарела: обновите страницу." in body(response)
    row.refresh_from_db()
    assert row.characteristic == "Преемственность."


def test_it_refuses_to_give_a_row_a_partner_already_in_the_plan(
    client, owner, plan, row, school1
):
    other = PlanRowFactory(plan=plan, partner=school1)
    client.force_login(owner)
    response = client.post(
        url("row_edit", plan.pk, other.pk),
        {"partner": row.partner_id, "characteristic": "", "version": other.version},
    )
    assert "«МБОУ СОШ № 4» уже есть в этом плане" in body(response)
    other.refresh_from_db()
    assert other.partner == school1


def test_it_answers_404_for_rows_and_activities_of_other_plans(
    client, owner, plan, row, activity, other_unit
):
    foreign_row = PlanRowFactory(plan=PlanFactory(unit=other_unit))
    foreign_activity = ActivityFactory(row=foreign_row)
    client.force_login(owner)
    for target in [
        url("row_edit", plan.pk, foreign_row.pk),
        url("row_edit", plan.pk, 999999),
        url("activity_edit", plan.pk, row.pk, foreign_activity.pk),
        url("activity_edit", plan.pk, foreign_row.pk, foreign_activity.pk),
        url("activity_add", plan.pk, foreign_row.pk),
        url("row_edit", foreign_row.plan_id, foreign_row.pk),
    ]:
        assert client.get(target).status_code == 404, target
        assert client.post(target, {"title": "x"}).status_code == 404, target


def test_it_deletes_a_row_and_offers_to_restore_it(client, owner, plan, row, activity):
    client.force_login(owner)
    confirm = client.get(url("row_delete", plan.pk, row.pk))
    assert "Удалить строку «МБОУ СОШ № 4»?" in body(confirm)
    assert "В строке 1 мероприятие" in body(confirm)
    response = client.post(url("row_delete", plan.pk, row.pk), **HTMX)
    page = body(response)
    assert 'id="plan-table-area"' in page
    assert "Строка «МБОУ СОШ № 4» удалена." in page and 'id="undo-delete"' in page
    assert not PlanRow.objects.exists() and not Activity.objects.exists()


def test_it_moves_rows_within_their_printed_group(client, owner, plan, row, school1):
    internal = CategoryFactory(name="Отделы Центра", tier=Tier.INTERNAL, order=0)
    department = PlanRowFactory(plan=plan, partner=PartnerFactory(category=internal), order=0)
    second = PlanRowFactory(plan=plan, partner=school1, order=5)
    client.force_login(owner)

    def printed():
        page = body(client.get(plan.get_absolute_url()))
        return [name for name in ("МБОУ СОШ № 4", "МБОУ СОШ № 1") if name in page], page

    response = client.post(url("row_move", plan.pk, second.pk), {"direction": "up"})
    assert response["Location"] == f"{plan.get_absolute_url()}?mode=edit#row-{second.pk}"
    page = body(client.get(plan.get_absolute_url()))
    assert page.index("МБОУ СОШ № 1") < page.index("МБОУ СОШ № 4")
    # Heading rows keep their numbers: 1 department, 2 heading, 3 and 4 schools.
    assert page.index(f'id="row-{department.pk}"') < page.index("Образовательные организации:")
    # At the top of its group the row stays put, with a message.
    response = client.post(url("row_move", plan.pk, second.pk), {"direction": "up"}, follow=True)
    assert "уже на краю своей группы" in body(response)
    response = client.post(url("row_move", plan.pk, department.pk), {"direction": "down"},
                           follow=True)
    assert "уже на краю своей группы" in body(response)


def test_it_moves_with_htmx_and_returns_the_renumbered_table(client, owner, plan, row, school1):
    second = PlanRowFactory(plan=plan, partner=school1, order=5)
    client.force_login(owner)
    response = client.post(url("row_move", plan.pk, second.pk), {"direction": "up"}, **HTMX)
    page = body(response)
    assert page.lstrip().startswith('<div id="plan-table-area"')
    assert page.index("МБОУ СОШ № 1") < page.index("МБОУ СОШ № 4")
    assert f"row-up-{second.pk}" in response["HX-Trigger-After-Settle"]
