"""In Debian's Chromium at 390 and 768 px: no page of the demo scrolls sideways, for any role,
in the plan's view and edit modes, menus open; on a phone the plan reads as cards."""

import pytest

from plans.models import Plan
from tests.browser_pages import ROLES, demo_pages, login_as, overflow

OPENERS = (
    "details.row-tools > summary",
    "details.activity-tools > summary",
    "a.workflow-action",  # htmx loads the step's form in its place
    "details.user-menu > summary",
)


def open_menus(page):
    """Open the first menu of each kind (the editor's, the workflow's), as a user would."""
    for selector in OPENERS:
        summary = page.locator(selector).first
        if summary.count() and summary.is_visible():
            summary.click()
            if selector == "a.workflow-action":
                page.wait_for_selector("details.workflow-action[open] form")
            yield selector


@pytest.mark.browser
@pytest.mark.parametrize("username", ROLES)
def test_it_never_scrolls_sideways_on_a_phone_or_a_tablet(
    transactional_db, demo, live_server, browser, username
):
    context, page = login_as(browser, live_server, username)
    pages = demo_pages(page, live_server)
    assert "/" in pages and "/plans/" in pages and len(pages) >= 8, pages
    wide = []
    for width in (390, 768):
        page.set_viewport_size({"width": width, "height": 800})
        for url in pages:
            page.goto(live_server.url + url)
            if overflow(page):
                wide.append((width, url, page.evaluate("document.documentElement.scrollWidth")))
            if "/plans/" in url and "mode=edit" in url or url.rstrip("/").split("/")[-1].isdigit():
                for opened in open_menus(page):
                    if overflow(page):
                        wide.append((width, url, opened))
    context.close()
    assert wide == []


@pytest.mark.browser
def test_it_reads_the_plan_as_cards_on_a_phone(transactional_db, demo, live_server, browser):
    plan = Plan.objects.filter(status=Plan.Status.APPROVED).first()
    context, page = login_as(browser, live_server, "teacher", width=390)
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    first = page.locator("tbody.plan-row").first
    box = first.bounding_box()
    assert box["width"] <= 390 and page.locator("#plan-table thead").is_hidden()
    number, partner = first.locator("td.col-num").first, first.locator("th.col-partner").first
    characteristic = first.locator("td.col-characteristic").first
    activity = first.locator("td.activity-cell").first
    period = first.locator("td.period-cell").first
    # The number beside the partner, the characteristic, then each period over its activities.
    assert abs(number.bounding_box()["y"] - partner.bounding_box()["y"]) < 4
    assert partner.bounding_box()["y"] < characteristic.bounding_box()["y"]
    assert characteristic.bounding_box()["y"] < period.bounding_box()["y"]
    assert period.bounding_box()["y"] < activity.bounding_box()["y"]
    label = period.evaluate("e => getComputedStyle(e, '::before').content")
    assert label == '"Период: "' and period.inner_text() == "В течение года"
    context.close()


@pytest.mark.browser
def test_it_switches_between_reading_and_editing_without_javascript(
    transactional_db, demo, live_server, browser
):
    plan = Plan.objects.exclude(status=Plan.Status.APPROVED).first()
    context = browser.new_context(locale="ru-RU", java_script_enabled=False)
    from tests.conftest import browser_login

    page = browser_login(context, live_server, "teacher")
    page.goto(f"{live_server.url}{plan.get_absolute_url()}")
    assert page.locator(".row-tools").count() == 0
    page.get_by_role("link", name="Редактировать").click()
    assert page.url.endswith("?mode=edit")
    row = plan.rows.order_by("order").first()
    # Without JavaScript the row's «Actions» link opens its menu as a page of its own.
    page.locator(f"#row-menu-{row.pk}").click()
    menu = page.locator(f"#row-menu-{row.pk}")
    menu.get_by_role("link", name="Изменить", exact=False).first.click()
    assert page.locator("form.row-form").is_visible()  # the row's editor, as a page of its own
    page.get_by_role("button", name="Сохранить", exact=True).click()
    assert "?mode=edit" in page.url  # back in the editor, at the row
    page.get_by_role("link", name="Завершить редактирование").click()
    assert page.locator(".row-tools").count() == 0
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_it_opens_the_phone_menu_with_and_without_javascript(
    transactional_db, demo, live_server, browser, javascript
):
    from tests.conftest import browser_login

    context = browser.new_context(
        locale="ru-RU", java_script_enabled=javascript, viewport={"width": 390, "height": 800}
    )
    page = browser_login(context, live_server, "teacher")
    plans_link = page.locator("#nav").get_by_role("link", name="Планы", exact=True)
    assert not plans_link.is_visible()
    page.get_by_role("button", name="Меню").click()
    plans_link.wait_for(state="visible")
    plans_link.click()
    assert page.url.endswith("/plans/")
    context.close()
