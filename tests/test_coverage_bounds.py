"""The coverage page does not grow with the registry (issue 13): partners in no plan, gained
and lost are listed up to a bound with their whole counts, the partners in no plan have a full
list paginated in the database, and the exports still list every one."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from plans.review import views
from tests.factories import (
    ActivityFactory,
    CategoryFactory,
    PartnerFactory,
    PlanFactory,
    PlanRowFactory,
)

pytestmark = pytest.mark.django_db

YEAR = 2033


@pytest.fixture
def registry(owner, plan):
    """The owner's plan of YEAR with one partner; seven more partners in no plan, of two
    categories; last year the plan had three other partners."""
    plan.year = YEAR
    plan.save()
    ActivityFactory(row=PlanRowFactory(plan=plan, partner=PartnerFactory(name="Взятый 0")))
    schools, museums = CategoryFactory(name="Школы"), CategoryFactory(name="Музеи")
    for n in range(1, 5):
        PartnerFactory(name=f"Свободная школа {n}", category=schools)
    for n in range(1, 4):
        PartnerFactory(name=f"Свободный музей {n}", category=museums)
    last = PlanFactory(unit=plan.unit, year=YEAR - 1)
    for n in range(1, 4):
        PlanRowFactory(plan=last, partner=PartnerFactory(name=f"Прошлогодний {n}"))
    return {"plan": plan, "schools": schools, "museums": museums}


@pytest.fixture
def two_listed(monkeypatch):
    monkeypatch.setattr(views, "LIST_LIMIT", 2)
    monkeypatch.setattr(views, "UNPLANNED_PAGE", 3)


def names(body, prefix):
    return {part.split("<")[0] for part in body.split(">") if part.startswith(prefix)}


def test_it_lists_the_first_partners_in_no_plan_and_counts_them_all(
    client, methodist, registry, two_listed
):
    client.force_login(methodist)
    response = client.get(reverse("coverage:index"), {"year": YEAR})
    body = response.content.decode()
    section = body.split('id="unplanned-partners"')[1].split("</section>")[0]
    assert len(names(section, "Свободн") | names(section, "Прошлогодний")) == 2
    assert response.context["coverage"].unplanned_count == 10  # 7 free, 3 of last year
    assert "и ещё 8 партнёров" in section
    full = reverse("coverage:unplanned") + f"?year={YEAR}"
    assert f'href="{full}"' in body and "полный список: 10 партнёров" in body


def test_it_bounds_the_partners_lost_on_the_page(client, methodist, registry, two_listed):
    client.force_login(methodist)
    response = client.get(reverse("coverage:index"), {"year": YEAR})
    comparison = response.context["coverage"].comparison
    assert comparison.lost_count == 3 and len(comparison.lost) == 2
    assert [p.name for p in comparison.lost] == ["Прошлогодний 1", "Прошлогодний 2"]
    assert "и ещё 1 партнёр" in response.content.decode()


def test_it_pages_the_full_list_in_the_database(
    client, methodist, registry, two_listed, django_assert_max_num_queries
):
    client.force_login(methodist)
    url = reverse("coverage:unplanned")
    with django_assert_max_num_queries(15) as first:
        body = client.get(url, {"year": YEAR}).content.decode()
    assert "Страница 1 из 4" in body
    seen = []
    for page in range(1, 5):
        with django_assert_max_num_queries(len(first.captured_queries)):
            body = client.get(url, {"year": YEAR, "page": page}).content.decode()
        assert f"Страница {page} из 4" in body
        seen += sorted(names(body, "Свободн") | names(body, "Прошлогодний"))
    assert len(seen) == len(set(seen)) == 10  # every partner in no plan, once
    body = client.get(url, {"year": YEAR, "page": 2}).content.decode()
    assert f'href="?year={YEAR}&amp;page=3" rel="next"' in body


@pytest.mark.parametrize("page, shown", [("abc", "Страница 1 из 4"), ("99", "Страница 4 из 4"),
                                         ("-3", "Страница 4 из 4")])
def test_it_answers_a_bad_page_of_the_full_list(
    client, methodist, registry, two_listed, page, shown
):
    client.force_login(methodist)
    response = client.get(reverse("coverage:unplanned"), {"year": YEAR, "page": page})
    assert response.status_code == 200 and shown in response.content.decode()


def test_it_keeps_the_filters_in_the_full_list(client, methodist, registry, two_listed):
    client.force_login(methodist)
    museums = registry["museums"]
    body = client.get(
        reverse("coverage:index"), {"year": YEAR, "category": museums.pk}
    ).content.decode()
    full = reverse("coverage:unplanned") + f"?year={YEAR}&amp;category={museums.pk}"
    assert f'href="{full}"' in body
    body = client.get(
        reverse("coverage:unplanned"), {"year": YEAR, "category": museums.pk}
    ).content.decode()
    assert "Свободный музей 1" in body and "Свободная школа" not in body
    assert "Страница 1 из 1" not in body and "<span class=\"badge text-bg-danger\">3<" in body


def test_it_still_exports_every_partner_in_no_plan(client, methodist, registry, two_listed):
    client.force_login(methodist)
    data = client.get(reverse("coverage:xlsx"), {"year": YEAR}).content
    book = load_workbook(io.BytesIO(data))
    cells = {str(c.value) for sheet in book for row in sheet.iter_rows() for c in row}
    for n in range(1, 5):
        assert f"Свободная школа {n}" in cells
    for n in range(1, 4):
        assert f"Свободный музей {n}" in cells and f"Прошлогодний {n}" in cells


def test_it_shows_a_teacher_only_the_plans_of_their_units(
    client, owner, other_teacher, registry, two_listed
):
    other = PlanFactory(unit=other_teacher.units.first(), year=YEAR)
    PlanRowFactory(plan=other, partner=PartnerFactory(name="Чужой партнёр"))
    client.force_login(owner)
    body = client.get(reverse("coverage:unplanned"), {"year": YEAR, "page": 4}).content.decode()
    assert "Чужой партнёр" in body  # in no plan of the owner's units: a gap for them
    client.force_login(other_teacher)
    body = client.get(reverse("coverage:unplanned"), {"year": YEAR, "page": 4}).content.decode()
    assert "Чужой партнёр" not in body
