"""The query-count guards of issue 13: the editing page, the coverage (page and XLSX) and the
consolidated plan cost the same queries for one unit as for forty (synthetic plans)."""

import pytest
from django.urls import reverse

from plans.synth import Spec, build

pytestmark = pytest.mark.django_db

ONE, FORTY = 2051, 2055  # not adjacent: the coverage compares with the year before


@pytest.fixture
def years(db):
    one = build(Spec(rows=2, year=ONE))
    forty = build(Spec(rows=3, units=40, year=FORTY))
    return {ONE: one, FORTY: forty}


@pytest.mark.parametrize("name, query", [
    ("coverage:index", {}),
    ("coverage:xlsx", {}),
    ("plans:consolidated", None),
])
def test_it_reads_forty_units_in_the_queries_of_one(
    client, administrator, years, django_assert_max_num_queries, name, query
):
    client.force_login(administrator)

    def get(year):
        if query is None:
            return client.get(reverse(name, args=[year]))
        return client.get(reverse(name), {"year": year, **query})

    with django_assert_max_num_queries(60) as one:
        assert get(ONE).status_code == 200
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = get(FORTY)
    assert response.status_code == 200


def test_it_edits_a_plan_among_forty_units_in_the_queries_of_one(
    client, administrator, years, django_assert_max_num_queries
):
    client.force_login(administrator)
    alone, among = years[ONE][0], years[FORTY][-1]
    with django_assert_max_num_queries(40) as one:
        client.get(alone.get_absolute_url(), {"mode": "edit"})
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(among.get_absolute_url(), {"mode": "edit"})
    assert 'id="add-row"' in response.content.decode()


def test_it_reads_page_two_of_forty_plans_in_the_queries_of_one(
    client, administrator, years, django_assert_max_num_queries
):
    client.force_login(administrator)
    with django_assert_max_num_queries(60) as one:
        client.get(reverse("plans:consolidated", args=[ONE]))
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(reverse("plans:consolidated", args=[FORTY]), {"page": 2})
    body = response.content.decode()
    assert response.status_code == 200 and "Страница 2 из" in body
