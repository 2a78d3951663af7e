"""Partnerships: their holder, their stage with its date and author, the checklist, the history."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from partners.models import Partnership, Stage
from partners.stages import CHECKLISTS, checklists_for, clean_checklist, progress
from tests.factories import PartnerFactory


@pytest.fixture
def partner(db):
    return PartnerFactory(name="Реабилитационный центр «Солнышко»")


def test_it_has_the_checklists_of_seed_001():
    assert [len(items) for items in CHECKLISTS.values()] == [3, 4, 6]
    labels = [str(label) for items in CHECKLISTS.values() for _k, label in items]
    assert "Круг социальных партнёров определён" in labels
    assert "Договоры о сотрудничестве подготовлены" in labels
    assert "Конкурсы, выставки" in labels


def test_it_keeps_only_known_ticked_items():
    assert clean_checklist({"motivation": True, "x": True, "tasks": False, "projects": "y"}) \
        == {"motivation": True}
    assert clean_checklist(["motivation"]) == {}


def test_it_records_a_partnership_at_the_first_stage(client, owner, unit, partner):
    client.force_login(owner)
    response = client.post(reverse("partners:partnership_create", args=[partner.pk]),
                           {"unit": unit.pk, "teacher": owner.pk})
    partnership = Partnership.objects.get()
    assert response.url == reverse("partners:partnership", args=[partnership.pk])
    assert (partnership.stage, partnership.teacher, partnership.stage_set_by) == (
        Stage.PREPARATORY, owner, owner)
    # The same holder twice is refused.
    response = client.post(reverse("partners:partnership_create", args=[partner.pk]),
                           {"unit": unit.pk, "teacher": owner.pk})
    assert response.status_code == 200 and Partnership.objects.count() == 1


def test_it_refuses_a_teacher_of_another_unit_as_holder(client, administrator, unit,
                                                        other_teacher, partner):
    client.force_login(administrator)
    response = client.post(reverse("partners:partnership_create", args=[partner.pk]),
                           {"unit": unit.pk, "teacher": other_teacher.pk})
    assert response.status_code == 200 and "teacher" in response.context["form"].errors


def test_it_moves_a_partnership_to_the_system_forming_stage(client, administrator, unit,
                                                             partner):
    partnership = Partnership.objects.create(partner=partner, unit=unit,
                                             stage_reached_on=date(2025, 9, 1))
    client.force_login(administrator)
    url = reverse("partners:partnership", args=[partnership.pk])
    today = date.today().isoformat()
    response = client.post(url, {"stage": Stage.SYSTEM_FORMING, "stage_reached_on": today,
                                 "check_motivation": "on", "check_agreements": "on",
                                 "check_projects": "on", "check_nonsense": "on"})
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.stage == Stage.SYSTEM_FORMING
    assert partnership.stage_reached_on == date.today()
    assert partnership.stage_set_by == administrator
    assert partnership.checklist == {"motivation": True, "agreements": True, "projects": True}
    assert progress(partnership) == (1, 6)
    assert [c.is_current for c in checklists_for(partnership)] == [False, False, True]
    page = client.get(url).content.decode()
    assert "Системообразующий" in page and "Подготовительный" in page
    assert partnership.history.count() == 2
    assert "История изменений" in page
    partner_page = client.get(partner.get_absolute_url()).content.decode()
    assert "Системообразующий" in partner_page and "1 из 6" in partner_page


def test_it_refuses_a_stage_reached_in_the_future(client, administrator, unit, partner):
    partnership = Partnership.objects.create(partner=partner, unit=unit)
    client.force_login(administrator)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    response = client.post(reverse("partners:partnership", args=[partnership.pk]),
                           {"stage": Stage.ORGANIZATIONAL, "stage_reached_on": tomorrow})
    assert response.status_code == 200
    partnership.refresh_from_db()
    assert partnership.stage == Stage.PREPARATORY


def test_it_lets_a_methodist_read_but_not_change(client, methodist, unit, partner):
    partnership = Partnership.objects.create(partner=partner, unit=unit)
    client.force_login(methodist)
    url = reverse("partners:partnership", args=[partnership.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"stage": Stage.SYSTEM_FORMING,
                             "stage_reached_on": "2025-01-01"}).status_code == 403


def test_it_hides_other_units_partnerships_from_a_teacher(client, owner, other_unit, partner):
    partnership = Partnership.objects.create(partner=partner, unit=other_unit)
    client.force_login(owner)
    assert client.get(reverse("partners:partnership", args=[partnership.pk])).status_code == 404
    body = client.get(partner.get_absolute_url()).content.decode()
    assert reverse("partners:partnership", args=[partnership.pk]) not in body


def test_it_deletes_a_partnership(client, owner, unit, partner):
    partnership = Partnership.objects.create(partner=partner, unit=unit)
    client.force_login(owner)
    url = reverse("partners:partnership_delete", args=[partnership.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert not Partnership.objects.exists()
