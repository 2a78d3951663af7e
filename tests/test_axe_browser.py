"""axe-core (shipped by axe-playwright-python) on every page of the demo, for every role, at
1280 and 390 px: no serious or critical violation, and no text under 4.5:1 contrast."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser_pages import ROLES, demo_pages, login_as

# Every rule axe has; color-contrast is WCAG AA (4.5:1 for text, 3:1 for large text).
OPTIONS = {"resultTypes": ["violations"]}


def problems(axe, page, url, width):
    found = []
    for violation in axe.run(page, options=OPTIONS).response["violations"]:
        if violation["impact"] in ("serious", "critical") or violation["id"] == "color-contrast":
            targets = [node["target"] for node in violation["nodes"]][:3]
            found.append((width, url, violation["id"], targets))
    return found


@pytest.mark.browser
@pytest.mark.parametrize("username", ROLES)
def test_it_finds_no_serious_accessibility_problem_on_any_page(
    transactional_db, demo, live_server, browser, username
):
    axe = Axe()
    context, page = login_as(browser, live_server, username)
    pages = demo_pages(page, live_server)
    found = []
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for url in pages:
            page.goto(live_server.url + url)
            found += problems(axe, page, url, width)
    context.close()
    assert found == [], "\n".join(map(str, found))


@pytest.mark.browser
def test_it_checks_the_login_page_and_the_open_header_menu(
    transactional_db, demo, live_server, browser
):
    axe = Axe()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    found = problems(axe, page, "login", 1280)
    context.close()
    context, page = login_as(browser, live_server, "admin")
    page.locator("details.user-menu > summary").click()
    found += problems(axe, page, "/ (user menu open)", 1280)
    # The administrator's menu fits on one line at 1280 px.
    heights = page.evaluate(
        "Array.from(document.querySelectorAll('.navbar .nav-link, .navbar-brand'),"
        " e => Math.round(e.getBoundingClientRect().top))"
    )
    assert max(heights) - min(heights) < 16, heights
    context.close()
    assert found == [], "\n".join(map(str, found))
