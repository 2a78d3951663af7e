"""In Debian's Chromium, without JavaScript: the methodist sees what is overdue first, follows
it to the overdue list, and on a phone the page does not spill sideways (tables scroll, charts
scale)."""

import pytest

from tests.conftest import browser_login
from tests.overview_support import YEAR, build_year, freeze


@pytest.fixture
def year(transactional_db, plan, other_unit, monkeypatch):
    freeze(monkeypatch)
    return build_year(plan, other_unit)


def open_overview(browser, live_server, width):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, locale="ru-RU", java_script_enabled=False
    )
    page = browser_login(context, live_server, "methodist_user")
    page.goto(f"{live_server.url}/execution/?year={YEAR}")
    return context, page


@pytest.mark.browser
def test_it_leads_from_what_is_overdue_to_the_overdue_list(year, methodist, live_server, browser):
    context, page = open_overview(browser, live_server, 1280)
    overdue = page.locator("#overdue")
    assert "Что просрочено: 2" in overdue.inner_text()
    overdue.get_by_role("link", name="Список просроченного").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith("Что просрочено")
    rows = page.locator("tbody tr")
    assert rows.count() == 2
    assert "Собрание" in page.locator("tbody").inner_text()
    context.close()


@pytest.mark.browser
def test_on_a_phone_tables_scroll_and_charts_scale(year, methodist, live_server, browser):
    context, page = open_overview(browser, live_server, 390)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for table in page.locator("table.execution-table").all():
        assert table.evaluate("t => t.parentElement.classList.contains('table-responsive')")
    widths = page.locator("figure img").evaluate_all(
        "imgs => imgs.map(i => [i.naturalWidth, i.getBoundingClientRect().width])"
    )
    assert len(widths) == 2
    assert all(natural > 0 and 0 < shown <= 390 for natural, shown in widths)
    context.close()
