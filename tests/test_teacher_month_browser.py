"""A teacher marks this month's activity held from the home page in Debian's Chromium — with
htmx in two clicks, and again with JavaScript off through the fallback page — and sees it in
the calendar."""

import re

import pytest
from playwright.sync_api import expect

from execution.models import Occurrence
from tests.conftest import browser_login
from tests.factories import ActivityFactory
from tests.plan_editing_support import months
from tests.recording_support import today  # noqa: F401

pytestmark = [
    pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("today")
]


@pytest.fixture
def due(row, owner):
    return ActivityFactory(row=row, title="Ёлка у партнёров", months=months(12))


def sees_it_in_the_calendar(page, live_server):
    page.goto(f"{live_server.url}/calendar/")
    december = page.locator("section", has=page.locator("#month-12"))
    expect(december).to_contain_text("Ёлка у партнёров")
    expect(december.locator(".calendar-held")).to_contain_text("проведено")


def test_a_teacher_marks_an_activity_held_with_htmx(browser_context, live_server, due):
    page = browser_login(browser_context, live_server, "owner")
    item = page.locator(f"#month-item-{due.pk}")
    expect(item).to_contain_text("в этом месяце")
    item.get_by_role("link", name=re.compile("Проведено")).click()  # click 1
    expect(item.locator("form")).to_be_visible()
    assert page.url == f"{live_server.url}/"  # swapped in place, no new page
    expect(item.get_by_label("Дата проведения")).to_have_value("2025-12-10")
    item.get_by_label("Детей").fill("14")
    item.get_by_role("button", name="Сохранить").click()  # click 2
    expect(item).to_contain_text("отмечено проведение 10 декабря 2025")
    expect(item.locator("form")).to_have_count(0)
    assert Occurrence.objects.get().children == 14
    sees_it_in_the_calendar(page, live_server)


def test_cancel_puts_the_item_back(browser_context, live_server, due):
    page = browser_login(browser_context, live_server, "owner")
    item = page.locator(f"#month-item-{due.pk}")
    item.get_by_role("link", name=re.compile("Проведено")).click()
    expect(item.locator("form")).to_be_visible()
    item.get_by_role("link", name="Отмена").click()
    expect(item.locator("form")).to_have_count(0)
    expect(item).to_contain_text("в этом месяце")


def test_without_javascript_the_button_is_a_page(nojs_context, live_server, due):
    page = browser_login(nojs_context, live_server, "owner")
    page.locator(f"#month-item-{due.pk}").get_by_role(
        "link", name=re.compile("Проведено")).click()
    page.wait_for_url(re.compile(r"/execution/activities/\d+/held/"))
    page.get_by_label("Взрослых").fill("2")
    page.get_by_role("button", name="Сохранить").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.locator(".alert-success")).to_contain_text("отмечено проведение 10 декабря 2025")
    assert Occurrence.objects.get().adults == 2
    sees_it_in_the_calendar(page, live_server)
