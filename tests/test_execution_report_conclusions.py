"""The teacher's conclusions on the report page: the plan's keepers write them, methodists
read them, another unit's teacher does not see the plan, and bad input saves nothing."""

import pytest
from django.urls import reverse

from execution.models import Conclusion
from plans.models import Plan

DATA = {
    "achieved": "Дети побывали в музее.",
    "difficulties": "Карантин в декабре.",
    "next_year": "Больше выставок.",
}


def url(plan):
    return reverse("reports:plan", args=[plan.pk])


def test_it_saves_the_owners_conclusions_and_shows_them(client, owner, plan):
    client.force_login(owner)
    page = client.get(url(plan)).content.decode()
    assert '<textarea name="achieved"' in page and 'id="conclusions-save"' in page
    response = client.post(url(plan), DATA)
    assert response.status_code == 302 and response["Location"].endswith("#conclusions")
    conclusion = Conclusion.objects.get(plan=plan)
    assert (conclusion.achieved, conclusion.difficulties, conclusion.next_year) == tuple(
        DATA.values()
    )
    assert conclusion.updated_by == owner
    assert conclusion.history.count() == 1
    page = client.get(url(plan)).content.decode()
    assert "Выводы сохранены." in page and "Дети побывали в музее." in page


def test_it_updates_the_conclusions_in_place(client, owner, plan):
    Conclusion.objects.create(plan=plan, achieved="Старое.")
    client.force_login(owner)
    client.post(url(plan), {**DATA, "achieved": "Новое."})
    assert Conclusion.objects.get(plan=plan).achieved == "Новое."
    assert Conclusion.objects.count() == 1


def test_it_records_conclusions_on_an_approved_plan(client, owner, plan):
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.APPROVED)
    client.force_login(owner)
    assert client.post(url(plan), DATA).status_code == 302
    assert Conclusion.objects.filter(plan=plan).exists()


def test_it_lets_a_methodist_read_but_not_write(client, methodist, plan):
    Conclusion.objects.create(plan=plan, **DATA)
    client.force_login(methodist)
    page = client.get(url(plan)).content.decode()
    assert "<textarea" not in page and "Карантин в декабре." in page
    assert client.post(url(plan), {**DATA, "achieved": "Чужое."}).status_code == 403
    assert Conclusion.objects.get(plan=plan).achieved == DATA["achieved"]


def test_it_shows_unwritten_conclusions_to_readers(client, methodist, plan):
    client.force_login(methodist)
    assert "Пока не написано." in client.get(url(plan)).content.decode()


def test_it_hides_the_plan_from_another_units_teacher(client, other_teacher, plan):
    client.force_login(other_teacher)
    assert client.get(url(plan)).status_code == 404
    assert client.post(url(plan), DATA).status_code == 404
    assert not Conclusion.objects.exists()


def test_it_lets_an_administrator_write(client, administrator, plan):
    client.force_login(administrator)
    assert client.post(url(plan), DATA).status_code == 302
    assert Conclusion.objects.get(plan=plan).updated_by == administrator


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("achieved", "я" * 5001, "Слишком длинно"),
        ("difficulties", "нуль\x00байт", "ноль-байт"),
        ("next_year", "x" * 100_000, "Слишком длинно"),
    ],
)
def test_it_refuses_bad_input_next_to_the_field_and_saves_nothing(
    client, owner, plan, field, value, message
):
    Conclusion.objects.create(plan=plan, **DATA)
    client.force_login(owner)
    response = client.post(url(plan), {**DATA, field: value})
    assert response.status_code == 200
    page = response.content.decode()
    error = page.split(f'id="id_{field}-error"')[1].split("</div>")[0]
    assert message in error
    assert f'name="{field}" id="id_{field}"' in page and "is-invalid" in page
    saved = Conclusion.objects.get(plan=plan)
    assert (saved.achieved, saved.difficulties, saved.next_year) == tuple(DATA.values())


def test_it_refuses_methods_other_than_get_and_post(client, owner, plan):
    client.force_login(owner)
    assert client.put(url(plan)).status_code == 405
