"""The plan editor (issue #3): create, copy, rows, activities, periods — as each persona, with and
without htmx, and with every kind of bad input."""

from datetime import date

import pytest
from django.urls import reverse

from partners.models import Partner, Tier
from plans.models import Activity, Plan, PlanRow
from plans.periods import Period
from tests.factories import (
    ActivityFactory,
    CategoryFactory,
    DirectionFactory,
    InteractionFormFactory,
    PartnerFactory,
    PlanFactory,
    PlanRowFactory,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


def months(*calendar_months):
    return Period(months=frozenset(calendar_months)).to_bitmask()


@pytest.fixture
def schools():
    return CategoryFactory(name="Образовательные организации", tier=Tier.EXTERNAL, order=1)


@pytest.fixture
def school4(schools):
    return PartnerFactory(name="МБОУ СОШ № 4", category=schools)


@pytest.fixture
def school1(schools):
    return PartnerFactory(name="МБОУ СОШ № 1", category=schools)


@pytest.fixture
def row(plan, school4):
    return PlanRowFactory(plan=plan, partner=school4, characteristic="Преемственность.", order=1)


@pytest.fixture
def activity(row):
    return ActivityFactory(row=row, title="Экскурсии", months=months(10), order=1)


@pytest.fixture
def approved(plan, administrator):
    plan.status = Plan.Status.APPROVED
    plan.approved_by = administrator
    plan.approved_at = date(2025, 8, 29)
    plan.save()
    return plan


def body(response):
    return response.content.decode()


def url(name, *args):
    return reverse(f"plans:{name}", args=args)


# --------------------------------------------------------------------------- create and copy


def test_it_creates_an_empty_draft_plan_for_my_unit(client, owner, unit):
    client.force_login(owner)
    response = client.post(url("create"), {"unit": unit.pk, "year": 2027})
    plan = Plan.objects.get(unit=unit, year=2027)
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url() + "?mode=edit#add-row"
    assert plan.status == Plan.Status.DRAFT
    assert plan.history.get().history_user == owner


def test_it_refuses_a_second_plan_for_the_same_unit_and_year(client, owner, plan):
    client.force_login(owner)
    response = client.post(url("create"), {"unit": plan.unit_id, "year": plan.year})
    assert response.status_code == 200
    assert "план на 2025/2026 учебный год уже есть" in body(response)
    assert Plan.objects.filter(unit=plan.unit).count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"year": "2027"}, "Обязательное поле"),
        ({"unit": "999999", "year": "2027"}, "Выберите одно из своих подразделений"),
        ({"unit": "other", "year": "2027"}, "Выберите одно из своих подразделений"),
        ({"unit": "own", "year": "1999"}, "Выберите учебный год из списка"),
        ({"unit": "own", "year": "abc"}, "Выберите учебный год из списка"),
        ({"unit": "own", "year": "2027", "title": "x" * 401}, "не больше 400 символов"),
    ],
)
def test_it_refuses_a_bad_new_plan(client, owner, unit, other_unit, data, message):
    data = dict(data)
    data["unit"] = {"own": unit.pk, "other": other_unit.pk}.get(data.get("unit"), data.get("unit"))
    data = {k: v for k, v in data.items() if v is not None}
    client.force_login(owner)
    response = client.post(url("create"), data)
    assert response.status_code == 200
    assert message in body(response)
    assert not Plan.objects.exists()


def test_it_copies_a_plan_forward_with_everything_but_the_results(client, owner, plan, row):
    direction = DirectionFactory(name="образовательное")
    row.directions.set([direction])
    ActivityFactory(
        row=row, title="Мастер-класс", months=months(5, 6), frequency="", period_note="в школе",
        responsible="Иванова", note="заметка", participants=20, result="Диплом",
    )
    plan.status = Plan.Status.APPROVED
    plan.save()
    client.force_login(owner)
    response = client.post(url("copy", plan.pk), {"year": 2026})
    copy = Plan.objects.get(unit=plan.unit, year=2026)
    assert response.status_code == 302 and response["Location"] == copy.get_absolute_url()
    assert copy.status == Plan.Status.DRAFT
    new_row = copy.rows.get()
    assert new_row.partner == row.partner and new_row.characteristic == row.characteristic
    assert list(new_row.directions.all()) == [direction]
    activity = new_row.activities.get()
    assert activity.period_text == "Май–июнь (в школе)"
    assert (activity.responsible, activity.note) == ("Иванова", "заметка")
    assert activity.participants is None and activity.result == ""
    # The copied activities have a history from their first day.
    assert activity.history.get().history_user == owner


def test_it_refuses_to_copy_onto_a_year_that_has_a_plan(client, owner, plan):
    PlanFactory(unit=plan.unit, year=2026)
    client.force_login(owner)
    response = client.post(url("copy", plan.pk), {"year": 2026})
    assert response.status_code == 200
    assert "Выберите учебный год из списка" in body(response)
    assert Plan.objects.filter(unit=plan.unit).count() == 2


def test_it_offers_create_and_copy_on_the_home_page_to_teachers_only(
    client, owner, methodist, plan
):
    client.force_login(owner)
    page = body(client.get(reverse("home")))
    assert "Скопировать 2025/2026 на следующий год" in page
    assert url("copy", plan.pk) in page and "Создать план" in page
    client.force_login(methodist)
    assert url("copy", plan.pk) not in body(client.get(reverse("home")))


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


# --------------------------------------------------------------------------- activities


def test_it_adds_an_activity_with_months_and_a_frequency(client, owner, plan, row):
    form = InteractionFormFactory(name="Мастер-классы")
    client.force_login(owner)
    response = client.post(
        url("activity_add", plan.pk, row.pk),
        {"title": " Мастер-класс «Цветы» ", "form": form.pk, "months": ["11", "4"],
         "frequency": "twice_year", "period_note": "", "responsible": "Петрова", "note": ""},
    )
    assert response["Location"] == f"{plan.get_absolute_url()}?mode=edit#row-{row.pk}"
    activity = row.activities.get()
    assert activity.title == "Мастер-класс «Цветы»" and activity.form == form
    assert activity.period_text == "2 раза в год: ноябрь, апрель"


def test_it_adds_another_activity_straight_away(client, owner, plan, row):
    client.force_login(owner)
    response = client.post(
        url("activity_add", plan.pk, row.pk), {"title": "А", "months": ["9"], "another": "1"}
    )
    assert response["Location"] == url("activity_add", plan.pk, row.pk)
    response = client.post(
        url("activity_add", plan.pk, row.pk),
        {"title": "Б", "frequency": "as_needed", "another": "1"}, **HTMX,
    )
    page = body(response)
    assert "Б" in page and 'class="editor-row' in page and "Новое мероприятие" in page
    assert [a.title for a in row.activities.all()] == ["А", "Б"]


LONG = "ж" * 3000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "months": ["9"]}, "Введите мероприятие: что будет сделано."),
        ({"title": "   ", "months": ["9"]}, "Введите мероприятие: что будет сделано."),
        ({"title": LONG[:501], "months": ["9"]}, "не больше 500 символов"),
        ({"title": "А"}, "Укажите период: отметьте месяцы или выберите"),
        ({"title": "А", "period_note": "по согласованию"}, "Укажите период"),
        ({"title": "А", "months": ["13"]}, "Выберите месяцы учебного года."),
        ({"title": "А", "months": ["сентябрь"]}, "Выберите месяцы учебного года."),
        ({"title": "А", "frequency": "weekly"}, "Выберите периодичность из списка."),
        ({"title": "А", "months": ["9"], "period_note": LONG[:201]}, "не больше 200 символов"),
        ({"title": "А", "months": ["9"], "responsible": LONG[:201]}, "не больше 200 символов"),
        ({"title": "А", "months": ["9"], "note": LONG[:2001]}, "не больше 2000 символов"),
        ({"title": "А", "months": ["9"], "form": "999999"}, "Выберите форму взаимодействия"),
    ],
)
def test_it_refuses_a_bad_activity_and_saves_nothing(client, owner, plan, row, data, message):
    client.force_login(owner)
    for extra in ({}, HTMX):
        response = client.post(url("activity_add", plan.pk, row.pk), data, **extra)
        assert response.status_code == 200
        assert message in body(response)
    assert not Activity.objects.exists()


def test_it_refuses_a_bad_edit_and_keeps_the_activity(client, owner, plan, row, activity):
    client.force_login(owner)
    response = client.post(
        url("activity_edit", plan.pk, row.pk, activity.pk),
        {"title": "", "version": activity.version},
        **HTMX,
    )
    assert "Введите мероприятие" in body(response) and "Укажите период" in body(response)
    assert "row1-" not in body(response)
    activity.refresh_from_db()
    assert activity.title == "Экскурсии" and activity.version == 1


def test_it_edits_an_activity_period_in_place(client, owner, plan, row, activity):
    client.force_login(owner)
    page = body(client.get(url("activity_edit", plan.pk, row.pk, activity.pk), **HTMX))
    editor = page[page.index('class="editor-row'):]
    # The twelve month toggles, September first, October ticked, labelled in Russian.
    assert editor.index(">Сентябрь<") < editor.index(">Октябрь<") < editor.index(">Август<")
    assert f'value="10" id="activity{activity.pk}-months_1" autocomplete="off" checked' in editor
    assert "В плане будет:" in editor and "<strong>Октябрь</strong>" in editor
    response = client.post(
        url("activity_edit", plan.pk, row.pk, activity.pk),
        {"title": "Экскурсии", "months": ["12", "1"], "version": activity.version},
        **HTMX,
    )
    assert "Декабрь–январь" in body(response)
    activity.refresh_from_db()
    assert activity.period_text == "Декабрь–январь" and activity.version == 2


def test_it_deletes_an_activity_with_an_undo_in_the_row(client, owner, plan, row, activity):
    client.force_login(owner)
    response = client.post(url("activity_delete", plan.pk, row.pk, activity.pk), **HTMX)
    page = body(response)
    assert page.lstrip().startswith(f'<tbody id="row-{row.pk}"')
    assert "Мероприятие «Экскурсии» удалено." in page and 'id="undo-delete"' in page
    assert not Activity.objects.exists()
    response = client.post(url("activity_delete", plan.pk, row.pk, 999999))
    assert response.status_code == 404


def test_it_moves_activities_within_the_row(client, owner, plan, row, activity):
    second = ActivityFactory(row=row, title="Акции", months=months(3), order=2)
    client.force_login(owner)
    client.post(url("activity_move", plan.pk, row.pk, second.pk), {"direction": "up"})
    assert [a.title for a in row.activities.all()] == ["Акции", "Экскурсии"]
    response = client.post(
        url("activity_move", plan.pk, row.pk, second.pk), {"direction": "up"}, follow=True
    )
    assert "«Акции» уже с краю." in body(response)
    response = client.post(
        url("activity_move", plan.pk, row.pk, second.pk), {"direction": "down"}, **HTMX
    )
    assert body(response).index("Экскурсии") < body(response).index("Акции")


# --------------------------------------------------------------------------- approved plans


def approved_cases(plan, row, activity):
    a = [plan.pk, row.pk, activity.pk]
    return [
        ("post", url("row_add", plan.pk), {"partner": PartnerFactory().pk}),
        ("post", url("row_edit", plan.pk, row.pk),
         {"partner": row.partner_id, "characteristic": "x", "version": row.version}),
        ("post", url("row_delete", plan.pk, row.pk), {}),
        ("post", url("row_move", plan.pk, row.pk), {"direction": "up"}),
        ("post", url("activity_add", plan.pk, row.pk), {"title": "x", "months": ["9"]}),
        ("post", url("activity_edit", *a), {"title": "x", "months": ["9"], "version": 1}),
        ("post", url("activity_delete", *a), {}),
        ("post", url("activity_move", *a), {"direction": "down"}),
        ("post", url("restore", plan.pk, "row", 1), {}),
        ("get", url("row_edit", plan.pk, row.pk), {}),
        ("get", url("activity_add", plan.pk, row.pk), {}),
    ]


@pytest.fixture
def second_activity(row):
    return ActivityFactory(row=row, title="Второе", order=2)


@pytest.mark.parametrize("htmx", [False, True])
def test_it_refuses_every_change_to_an_approved_plan(
    client, owner, row, activity, second_activity, approved, htmx
):
    client.force_login(owner)
    snapshot = list(Activity.objects.values_list("pk", "title", "order", "version"))
    for method, target, data in approved_cases(approved, row, activity):
        response = getattr(client, method)(target, data, **(HTMX if htmx else {}))
        if htmx:
            assert response.status_code == 200 and response["HX-Retarget"] == "#plan-notices"
            text = body(response)
        else:
            assert response.status_code == 302, target
            text = body(client.get(response["Location"]))
        assert "План утверждён 29 августа 2025 г., утвердил(а): Анна Иванова" in text, target
        assert "Администратор может вернуть его в черновик" in text
    assert list(Activity.objects.values_list("pk", "title", "order", "version")) == snapshot
    assert PlanRow.objects.get().characteristic == "Преемственность."
    assert PlanRow.objects.count() == 1


def test_it_shows_no_edit_controls_on_an_approved_plan(client, owner, row, approved):
    client.force_login(owner)
    page = body(client.get(approved.get_absolute_url(), {"mode": "edit"}))
    assert "29 августа 2025, утвердил(а)" in page and "Администратор может вернуть" in page
    assert "edit-row-" not in page and 'id="add-row"' not in page
    assert 'id="mode-edit"' not in page  # nothing to switch to
    assert url("copy", approved.pk) in page  # copying it forward is still possible


def test_it_states_the_status_of_an_approved_plan_once(client, owner, row, approved):
    client.force_login(owner)
    page = body(client.get(approved.get_absolute_url()))
    status = page[page.index('id="plan-status"'):]
    status = status[:status.index("</p>")]
    assert status.count(">Утверждён<") == 1 and "Утверждён 29" not in status
    assert "29 августа 2025, утвердил(а): Анна Иванова" in status
    rest = page.replace(status, "")
    rest = rest[:rest.index('id="status-history"')] if 'id="status-history"' in rest else rest
    assert "План утверждён" not in rest and "утвердил(а)" not in rest
    assert "status-badge-approved" not in rest
    assert "d-none d-print-block" in page  # the approval block is only printed


def test_it_opens_the_plan_as_the_clean_table_and_edits_in_mode_edit(
    client, owner, plan, row, activity
):
    client.force_login(owner)
    page = body(client.get(plan.get_absolute_url()))
    assert f'id="edit-row-{row.pk}"' not in page and 'id="add-row"' not in page
    assert f'href="{plan.get_absolute_url()}?mode=edit"' in page and "Редактировать" in page
    page = body(client.get(plan.get_absolute_url(), {"mode": "edit"}))
    assert f'id="edit-row-{row.pk}"' in page and 'id="add-row"' in page
    assert f'id="row-menu-{row.pk}"' in page and "<details" in page
    assert f'href="{plan.get_absolute_url()}"' in page and "Завершить редактирование" in page


def test_it_shows_no_edit_controls_to_a_methodist(client, methodist, plan, row, activity):
    client.force_login(methodist)
    page = body(client.get(plan.get_absolute_url(), {"mode": "edit"}))
    assert "edit-row-" not in page and "edit-activity-" not in page
    assert 'id="add-row"' not in page and url("history", plan.pk) in page


def test_it_shows_edit_controls_to_the_owner_and_administrator(
    client, owner, administrator, plan, row, activity
):
    for user in (owner, administrator):
        client.force_login(user)
        page = body(client.get(plan.get_absolute_url(), {"mode": "edit"}))
        assert f'id="edit-row-{row.pk}"' in page and f'id="edit-activity-{activity.pk}"' in page
        assert 'id="add-row"' in page and "Добавить партнёра в план" in page


def test_it_renders_the_editable_plan_in_a_fixed_number_of_queries(
    client, owner, plan, django_assert_max_num_queries
):
    def add_rows(n):
        for _ in range(n):
            ActivityFactory.create_batch(3, row=PlanRowFactory(plan=plan))

    add_rows(2)
    client.force_login(owner)
    with django_assert_max_num_queries(20) as few:
        client.get(plan.get_absolute_url(), {"mode": "edit"})
    add_rows(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(plan.get_absolute_url(), {"mode": "edit"})


# --------------------------------------------------------------------------- helpers for forms


def test_it_finds_partners_case_insensitively_in_cyrillic(client, owner, plan, row, school1):
    PartnerFactory(name="Детский сад «Тополёк»")
    client.force_login(owner)
    found = body(client.get(url("partner_search", plan.pk), {"q": "СОШ"}))
    assert "МБОУ СОШ № 1" in found and "Тополёк" not in found
    # A partner already in the plan is listed but cannot be chosen.
    assert f'value="{row.partner_id}" disabled' in found and "уже в плане" in found
    assert "Тополёк" in body(client.get(url("partner_search", plan.pk), {"q": "тополек"}))
    assert "сош № 1" not in body(client.get(url("partner_search", plan.pk), {"q": "гимназия"}))
    single = body(client.get(url("partner_search", plan.pk), {"q": "сош 1"}))
    assert f'value="{school1.pk}" selected' in single


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"months": ["5", "6"]}, "Май–июнь"),
        ({"months": ["12", "1"]}, "Декабрь–январь"),
        ({"frequency": "quarterly"}, "Один раз в квартал"),
        ({"months": ["10"], "period_note": "по согласованию"}, "Октябрь (по согласованию)"),
        ({}, "Укажите период"),
        ({"months": ["99"]}, "Выберите месяцы учебного года"),
        ({"frequency": "<script>"}, "Выберите периодичность"),
    ],
)
def test_it_previews_the_printed_period(client, owner, query, expected):
    client.force_login(owner)
    response = client.get(url("period_preview"), query)
    assert response.status_code == 200
    assert expected in body(response)


GARBAGE = [
    {"version": "abc", "partner": "x", "months": ["a"], "direction": "sideways"},
    {"version": "-1", "title": "\x00", "frequency": "1" * 50, "form": "-5"},
    {"version": "99999999999999999999", "directions": ["1; DROP TABLE"]},
]


@pytest.mark.parametrize("data", GARBAGE)
def test_it_never_fails_with_a_server_error(client, owner, plan, row, activity, data):
    client.force_login(owner)
    a = [plan.pk, row.pk, activity.pk]
    targets = [
        url("create"), url("copy", plan.pk), url("row_add", plan.pk),
        url("row_edit", plan.pk, row.pk), url("row_move", plan.pk, row.pk),
        url("activity_add", plan.pk, row.pk), url("activity_edit", *a),
        url("activity_move", *a), url("restore", plan.pk, "nothing", 1),
    ]
    for target in targets:
        for extra in ({}, HTMX):
            assert client.post(target, data, **extra).status_code < 500, target
    for target in [url("partner_search", plan.pk), url("period_preview"),
                   url("history", plan.pk), url("row", plan.pk, row.pk)]:
        assert client.get(target, data).status_code < 500, target


# --------------------------------------------------------------------------- «done when»


def test_it_does_what_the_issue_asks_on_the_demo_data(client, demo):
    """teacher copies the demo plan forward, changes a period, adds a partner that was not in
    the registry, reorders two rows, and sees it all after a reload and in the history;
    teacher2 can do none of it to «Рукодельница»."""
    from django.contrib.auth import get_user_model

    from partners.models import Category
    from plans.models import current_academic_year

    users = get_user_model().objects
    source = Plan.objects.get(
        unit__name="Творческое объединение «Рукодельница»", year=current_academic_year()
    )
    client.force_login(users.get(username="teacher"))
    client.post(url("copy", source.pk), {"year": source.year + 1})
    plan = Plan.objects.get(unit=source.unit, year=source.year + 1)

    activity = Activity.objects.filter(row__plan=plan, row__partner__name="МБОУ СОШ № 4").first()
    client.post(url("activity_edit", plan.pk, activity.row_id, activity.pk),
                {"title": activity.title, "months": ["3", "4"], "version": activity.version})
    client.post(url("row_add", plan.pk), {
        "new_partner_name": "Центр детского чтения «Радуга»",
        "new_partner_category": Category.objects.get(name="Учреждения культуры").pk,
    })
    topolek = plan.rows.get(partner__name="Детский сад «Тополёк»")
    client.post(url("row_move", plan.pk, topolek.pk), {"direction": "up"})

    page = body(client.get(plan.get_absolute_url()))
    assert "Март–апрель" in page and "Центр детского чтения «Радуга»" in page
    assert page.index("Детский сад «Тополёк»") < page.index("МБОУ гимназия")
    history = body(client.get(url("history", plan.pk)))
    for text in [f"План создан копированием плана на {source.academic_year}", "Март–апрель",
                 "Добавлена строка «Центр детского чтения «Радуга»»",
                 "Изменена строка «Детский сад «Тополёк»»", "Наталья Кузнецова"]:
        assert text in history, text

    client.force_login(users.get(username="teacher2"))
    row = plan.rows.first()
    for target in [plan.get_absolute_url(), url("history", plan.pk), url("copy", plan.pk),
                   url("row_add", plan.pk), url("row_edit", plan.pk, row.pk),
                   url("row_move", plan.pk, row.pk), url("activity_add", plan.pk, row.pk)]:
        assert client.get(target).status_code in (404, 405), target
        response = client.post(target, {"direction": "up", "title": "x"})
        assert response.status_code in (404, 405), target
    assert plan.rows.count() == 21
    assert not Activity.objects.filter(row__plan=plan, title="x").exists()

