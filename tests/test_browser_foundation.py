"""A newcomer signs in and reads the seed's plan in Debian's Chromium."""

import pytest

from plans.models import Plan, current_academic_year
from tests.conftest import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(transactional_db):
    import io

    from django.core.management import call_command

    from tests.conftest import PASSWORD

    call_command("demo", password=PASSWORD, stdout=io.StringIO())


def test_it_shows_the_teacher_the_approved_seed_plan(seeded, live_server, browser_context):
    page = browser_login(browser_context, live_server, "teacher")
    assert "Мои подразделения и планы" in page.content()
    year = current_academic_year() - 1
    page.click(f"text=План на {year}/{year + 1}")
    page.wait_for_selector("#plan-table")
    table = page.inner_text("#plan-table")
    assert "Соц. партнёр" in table
    assert "25." in table and "КЦСОН «Ирида»" in table
    assert "Май–июнь" in table
    assert "УТВЕРЖДАЮ" in page.content()


def test_it_refuses_a_wrong_password_in_russian(seeded, live_server, browser_context):
    page = browser_login(browser_context, live_server, "teacher", password="wrong")
    assert "/accounts/login/" in page.url
    assert "правильные имя пользователя и пароль" in page.content()


def test_it_searches_the_registry_without_javascript(seeded, live_server, nojs_context):
    page = browser_login(nojs_context, live_server, "methodist")
    page.goto(f"{live_server.url}/partners/?q=ирида")
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    assert "КЦСОН «Ирида»" in rows.first.inner_text()


def test_it_hides_another_units_plan_from_teacher2(seeded, live_server, browser_context):
    plan = Plan.objects.get(year=current_academic_year() - 1)
    page = browser_login(browser_context, live_server, "teacher2")
    response = page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    assert response.status == 404
