"""History of a plan: every change recorded (who, when, what), shown in Russian, and restore."""

import re

import pytest
from django.urls import reverse

from partners.models import Tier
from plans.models import Activity, PlanRow
from tests.factories import (
    ActivityFactory,
    CategoryFactory,
    DirectionFactory,
    PartnerFactory,
    PlanRowFactory,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name, *args):
    return reverse(f"plans:{name}", args=args)


@pytest.fixture
def category(db):
    return CategoryFactory(name="Образовательные организации", tier=Tier.EXTERNAL)


@pytest.fixture
def edited(client, owner, plan, category):
    """A plan the owner built through the editor: two rows, activities, edits, moves."""
    client.force_login(owner)
    social = DirectionFactory(name="социальное")
    first, second = (PartnerFactory(name=n, category=category) for n in ("СОШ № 4", "СОШ № 1"))
    client.post(url("row_add", plan.pk), {"partner": first.pk, "characteristic": "Цели.",
                                          "directions": [social.pk]})
    client.post(url("row_add", plan.pk), {"partner": second.pk})
    row = PlanRow.objects.get(partner=first)
    other = PlanRow.objects.get(partner=second)
    client.post(url("activity_add", plan.pk, row.pk), {"title": "Экскурсии", "months": ["10"]})
    client.post(url("activity_add", plan.pk, row.pk), {"title": "Акции", "frequency": "once"})
    client.post(url("activity_add", plan.pk, other.pk), {"title": "Игра", "months": ["5"]})
    tour = Activity.objects.get(title="Экскурсии")
    client.post(url("activity_edit", plan.pk, row.pk, tour.pk),
                {"title": "Экскурсии в музей", "months": ["5", "6"], "version": 1})
    client.post(url("row_edit", plan.pk, row.pk),
                {"partner": first.pk, "characteristic": "Новые цели.", "version": 1,
                 "directions": [social.pk]})
    client.post(url("row_move", plan.pk, other.pk), {"direction": "up"})
    return {"row": row, "other": other, "tour": tour, "social": social}


def records(model, **filters):
    return list(model.history.filter(**filters).order_by("history_date", "history_id"))


def test_it_records_every_kind_of_change_once_with_its_author(owner, plan, edited):
    row, other, tour = edited["row"], edited["other"], edited["tour"]
    row_records = records(PlanRow, id=row.pk)
    # added, edited, moved down (the other row took its place)
    assert [r.history_type for r in row_records] == ["+", "~", "~"]
    assert {r.history_user for r in row_records} == {owner}
    assert [d.direction for d in row_records[0].directions.all()] == [edited["social"]]
    assert row_records[1].characteristic == "Новые цели."
    assert [r.history_type for r in records(PlanRow, id=other.pk)] == ["+", "~"]
    tour_records = records(Activity, id=tour.pk)
    assert [r.history_type for r in tour_records] == ["+", "~"]
    assert tour_records[0].title == "Экскурсии" and tour_records[-1].title == "Экскурсии в музей"
    assert {r.history_user for r in tour_records} == {owner}


def test_it_shows_the_history_in_russian_field_by_field(client, owner, plan, edited):
    page = client.get(url("history", plan.pk)).content.decode()
    assert "История изменений" in page
    assert "Добавлена строка «СОШ № 4»" in page
    assert "Изменена строка «СОШ № 4»" in page
    assert "Характеристика взаимодействия:" in page and "Новые цели." in page
    assert "Направления:" in page and "социальное" in page
    assert "Изменено мероприятие «Экскурсии в музей»" in page
    assert "Мероприятие:" in page and "Экскурсии" in page
    assert "Период:" in page and "Октябрь" in page and "Май–июнь" in page
    assert "Место в плане:" in page and "перемещено выше" in page
    assert "Добавлено мероприятие «Игра»" in page
    assert "Анна Иванова" in page  # who


def test_it_restores_a_deleted_row_with_its_directions_and_activities(
    client, owner, plan, edited
):
    row = edited["row"]
    acts = list(row.activities.values_list("title", flat=True))
    # One activity deleted on its own first: it stays deleted when the row comes back.
    single = row.activities.get(title="Акции")
    client.post(url("activity_delete", plan.pk, row.pk, single.pk))
    client.post(url("row_delete", plan.pk, row.pk))
    assert not PlanRow.objects.filter(pk=row.pk).exists()

    page = client.get(url("history", plan.pk)).content.decode()
    assert "Удалена строка «СОШ № 4»" in page and "вместе со строкой" in page
    deletion = PlanRow.history.get(id=row.pk, history_type="-")
    restore = url("restore", plan.pk, "row", deletion.history_id)
    assert restore in page

    response = client.post(restore)
    assert response["Location"] == f"{plan.get_absolute_url()}?mode=edit#row-{row.pk}"
    row = PlanRow.objects.get(pk=row.pk)
    assert row.characteristic == "Новые цели." and list(row.directions.all()) == [
        edited["social"]
    ]
    assert sorted(row.activities.values_list("title", flat=True)) == sorted(
        a for a in acts if a != "Акции"
    ) == ["Экскурсии в музей"]
    assert row.history.latest().history_user == owner
    page = client.get(url("history", plan.pk)).content.decode()
    assert "Восстановлена строка «СОШ № 4»" in page
    # Restoring twice is refused with a message.
    response = client.post(restore, follow=True)
    assert "Эта строка уже есть в плане." in response.content.decode()


def test_it_restores_a_deleted_activity_unless_its_row_is_gone(client, owner, plan, edited):
    row, tour = edited["row"], edited["tour"]
    client.post(url("activity_delete", plan.pk, row.pk, tour.pk))
    deletion = Activity.history.get(id=tour.pk, history_type="-")
    restore = url("restore", plan.pk, "activity", deletion.history_id)
    response = client.post(restore, {"next": plan.get_absolute_url()})
    assert response["Location"] == plan.get_absolute_url()
    restored = Activity.objects.get(pk=tour.pk)
    assert restored.title == "Экскурсии в музей" and restored.period_text == "Май–июнь"
    assert restored.version == 3

    client.post(url("activity_delete", plan.pk, row.pk, tour.pk))
    PlanRow.objects.get(pk=row.pk).delete()
    deletion = Activity.history.filter(id=tour.pk, history_type="-").latest("history_date")
    response = client.post(url("restore", plan.pk, "activity", deletion.history_id), follow=True)
    assert "сначала восстановите строку" in response.content.decode()
    assert not Activity.objects.filter(pk=tour.pk).exists()


def test_it_refuses_to_restore_a_row_whose_partner_is_in_the_plan_again(
    client, owner, plan, edited
):
    row = edited["row"]
    partner = row.partner
    client.post(url("row_delete", plan.pk, row.pk))
    client.post(url("row_add", plan.pk), {"partner": partner.pk})
    deletion = PlanRow.history.get(id=row.pk, history_type="-")
    response = client.post(url("restore", plan.pk, "row", deletion.history_id), follow=True)
    assert "В плане снова есть строка «СОШ № 4»" in response.content.decode()


def test_it_restores_from_the_undo_button_with_htmx(client, owner, plan, edited):
    row = edited["row"]
    deleted = client.post(url("row_delete", plan.pk, row.pk), **HTMX).content.decode()
    deletion = PlanRow.history.get(id=row.pk, history_type="-")
    assert url("restore", plan.pk, "row", deletion.history_id) in deleted
    response = client.post(url("restore", plan.pk, "row", deletion.history_id), **HTMX)
    page = response.content.decode()
    assert page.lstrip().startswith('<div id="plan-table-area"')
    assert f'id="row-{row.pk}"' in page


def test_it_refuses_to_restore_records_of_another_plan(
    client, owner, plan, edited, other_unit
):
    from tests.factories import PlanFactory

    foreign = PlanRowFactory(plan=PlanFactory(unit=other_unit))
    foreign_id = foreign.pk
    foreign.delete()
    deletion = PlanRow.history.get(id=foreign_id, history_type="-")
    response = client.post(url("restore", plan.pk, "row", deletion.history_id), follow=True)
    assert "Здесь нечего восстанавливать." in response.content.decode()
    assert not PlanRow.objects.filter(pk=foreign_id).exists()


def test_it_shows_the_history_to_a_methodist_without_restore_buttons(
    client, methodist, other_teacher, plan, edited
):
    row = edited["row"]
    ActivityFactory(row=row)
    row.delete()
    client.force_login(methodist)
    page = client.get(url("history", plan.pk)).content.decode()
    assert "Удалена строка «СОШ № 4»" in page and "/restore/" not in page
    client.force_login(other_teacher)
    assert client.get(url("history", plan.pk)).status_code == 404


def test_it_shows_the_history_in_a_fixed_number_of_queries(
    client, owner, plan, edited, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as few:
        client.get(url("history", plan.pk))
    count = len(few.captured_queries)  # read before other requests reset the query log
    row = edited["row"]
    for n in range(15):
        client.post(url("activity_add", plan.pk, row.pk), {"title": f"М{n}", "months": ["9"]})
    with django_assert_max_num_queries(count):
        client.get(url("history", plan.pk))


def test_it_tells_a_copied_plan_as_one_event(client, owner, plan, edited):
    client.post(url("copy", plan.pk), {"year": 2026})
    copy = plan.unit.plans.get(year=2026)
    page = client.get(url("history", copy.pk)).content.decode()
    assert "План создан копированием плана на 2025/2026 учебный год" in page
    assert re.search(r"Строк:</span>\s*2\b", page) and re.search(r"Мероприятий:</span>\s*3\b", page)
    assert "Добавлена строка" not in page and "Добавлено мероприятие" not in page
    # Later changes to copied objects are told field by field as usual.
    row = copy.rows.get(partner__name="СОШ № 4")
    client.post(url("row_edit", copy.pk, row.pk),
                {"partner": row.partner_id, "characteristic": "Цели на новый год.",
                 "version": row.version})
    page = client.get(url("history", copy.pk)).content.decode()
    assert "Изменена строка «СОШ № 4»" in page and "Цели на новый год." in page
