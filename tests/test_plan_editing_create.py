"""The plan editor (issue #3): creating and copying plans, and the «done when» on the demo."""

import pytest
from django.urls import reverse

from plans.models import Activity, Plan
from tests.factories import (
    ActivityFactory,
    DirectionFactory,
    PlanFactory,
)
from tests.plan_editing_support import body, months, url

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
