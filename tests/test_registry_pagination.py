"""The registry's list is paged in the database: a page of partners, «Страница N из M», and
page links that keep the search's filters."""

import pytest
from django.urls import reverse

from partners.models import Partner
from partners.views import PER_PAGE
from tests.factories import CategoryFactory, PartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(db):
    schools = CategoryFactory(name="Образовательные организации")
    museums = CategoryFactory(name="Учреждения культуры")
    for number in range(PER_PAGE + 5):
        PartnerFactory(name=f"МБОУ СОШ № {number + 1}", category=schools)
    for number in range(3):
        PartnerFactory(name=f"Музей № {number + 1}", category=museums)
    return {"schools": schools, "museums": museums}


def test_it_shows_one_page_and_tells_which(client, owner, registry):
    client.force_login(owner)
    response = client.get(reverse("partners:list"))
    content = response.content.decode()
    assert len(response.context["lines"]) == PER_PAGE
    assert "Страница 1 из 2" in content
    second = client.get(reverse("partners:list"), {"page": 2})
    assert len(second.context["lines"]) == Partner.objects.count() - PER_PAGE
    assert "Страница 2 из 2" in second.content.decode()


def test_its_page_links_keep_the_filters(client, owner, registry):
    client.force_login(owner)
    category = registry["schools"].pk
    response = client.get(reverse("partners:list"), {"category": category, "q": "СОШ"})
    content = response.content.decode()
    assert f"?category={category}&amp;q=%D0%A1%D0%9E%D0%A8&amp;page=2" in content
    assert all(p.category_id == category for p, _values in response.context["lines"])


def test_it_shows_a_small_search_on_one_page_without_links(client, owner, registry):
    client.force_login(owner)
    response = client.get(reverse("partners:list"), {"category": registry["museums"].pk})
    assert len(response.context["lines"]) == 3
    assert "Страница" not in response.content.decode()


def test_it_takes_a_page_out_of_range_or_nonsense_as_the_last_or_first(client, owner, registry):
    client.force_login(owner)
    assert client.get(reverse("partners:list"), {"page": 99}).context["page"].number == 2
    assert client.get(reverse("partners:list"), {"page": "x"}).context["page"].number == 1


def test_it_pages_in_a_fixed_number_of_queries(client, owner, registry,
                                                django_assert_max_num_queries):
    client.force_login(owner)
    with django_assert_max_num_queries(12) as captured:
        client.get(reverse("partners:list"))
    few = len(captured)
    PartnerFactory.create_batch(30, category=registry["schools"])
    with django_assert_max_num_queries(few):
        client.get(reverse("partners:list"), {"page": 2})
