"""The report page in Chromium: the charts show under the Content-Security-Policy, and the
teacher writes the conclusions without JavaScript; the methodist opens the consolidated report."""

import pytest
from django.urls import reverse

from execution.models import Conclusion
from tests.conftest import browser_login
from tests.report_support import execute
from tests.test_csp_browser import Watcher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_shows_the_charts_and_saves_the_conclusions_without_javascript(
    live_server, nojs_context, owner, plan
):
    execute(plan)
    watcher = Watcher(nojs_context)
    page = browser_login(nojs_context, live_server, "owner")
    url = live_server.url + reverse("reports:plan", args=[plan.pk])
    watcher.visit(page, url)
    charts = page.locator("img.report-chart")
    assert charts.count() == 2
    assert all(charts.nth(i).evaluate("img => img.naturalWidth") > 0 for i in range(2))
    page.fill("textarea[name=achieved]", "Дети побывали в музее.")
    page.fill("textarea[name=next_year]", "Больше выставок.")
    page.click("#conclusions-save")
    page.wait_for_load_state()
    assert "Выводы сохранены." in page.content()
    assert Conclusion.objects.get(plan=plan).achieved == "Дети побывали в музее."
    assert watcher.found == []


def test_it_opens_the_consolidated_report_for_a_methodist(
    live_server, browser_context, methodist, plan
):
    execute(plan)
    watcher = Watcher(browser_context)
    page = browser_login(browser_context, live_server, "methodist_user")
    watcher.visit(page, live_server.url + reverse("reports:consolidated", args=[2025]))
    assert page.locator("#report-totals").inner_text().split()[2:4] == ["3", "2"]
    assert page.locator("img.report-chart").count() == 2
    assert watcher.found == []
