"""Chromium walks the main pages of every role under the Content-Security-Policy and finds no
violation, neither in the console nor as a securitypolicyviolation event; htmx still works."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from partners.models import Partner
from plans.models import Plan, current_academic_year
from tests.conftest import PASSWORD, browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any script of the page (and is not itself subject to the page's policy).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}`
  );
});
"""
POLICY_WORDS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy",
                "Permissions policy")


@pytest.fixture
def seeded(transactional_db):
    call_command("demo", password=PASSWORD, stdout=io.StringIO())


class Watcher:
    """Collects policy complaints of every page a context opens."""

    def __init__(self, context):
        self.found = []
        context.add_init_script(RECORD_VIOLATIONS)
        context.on("console", self.console)

    def console(self, message):
        if any(word in message.text for word in POLICY_WORDS):
            self.found.append(f"console: {message.text}")

    def visit(self, page, url):
        response = page.goto(url)
        assert response.status < 400, (url, response.status)
        assert response.headers.get("content-security-policy"), url
        page.wait_for_load_state("load")
        self.collect(page, url)

    def collect(self, page, url):
        self.found += [f"{url}: {v}" for v in page.evaluate("window.__violations || []")]


def pages_of_everyone(live_server):
    approved = Plan.objects.get(
        year=current_academic_year() - 1, unit__name__contains="Рукодельница"
    )
    partner = Partner.objects.filter(plan_rows__plan=approved).first()
    return [
        reverse("home"), reverse("plans:list"), approved.get_absolute_url(),
        reverse("plans:history", args=[approved.pk]),
        reverse("comments:list", args=[approved.pk]),
        reverse("coverage:index"), reverse("partners:list"), partner.get_absolute_url(),
        reverse("agreements:list"), reverse("password_change"),
        reverse("plans:diagram", args=[approved.pk]),
    ]


@pytest.mark.parametrize("role", ["admin", "methodist", "teacher", "teacher2"])
def test_it_shows_every_main_page_without_a_violation(seeded, live_server, browser_context,
                                                      role):
    watcher = Watcher(browser_context)
    page = browser_login(browser_context, live_server, role)
    watcher.collect(page, "login")
    urls = pages_of_everyone(live_server)
    if role == "admin":
        urls += [reverse("institution"), reverse("admin:index"), reverse("plans:import"),
                 reverse("partners:create"), reverse("partners:import"),
                 reverse("agreements:create"), reverse("plans:consolidated_current")]
    if role == "teacher":
        draft = Plan.objects.get(year=current_academic_year(), unit__name__contains="Рукодельница")
        row = draft.rows.first()
        urls += [draft.get_absolute_url(), reverse("plans:row_edit", args=[draft.pk, row.pk]),
                 reverse("plans:import"), reverse("agreements:create")]
    for path in urls:
        if role == "teacher2" and path.startswith("/plans/") and path[7:8].isdigit():
            continue  # another unit's plan: a 404 by design
        watcher.visit(page, f"{live_server.url}{path}")
    assert watcher.found == []


def test_it_keeps_htmx_working_under_the_policy(seeded, live_server, browser_context):
    """The teacher opens the row editor in place and moves a row (a POST whose CSRF token comes
    from the page, the cookie being HttpOnly); no violation on the way."""
    watcher = Watcher(browser_context)
    page = browser_login(browser_context, live_server, "teacher")
    draft = Plan.objects.get(year=current_academic_year(), unit__name__contains="Рукодельница")
    first, second = list(draft.rows.order_by("order")[:2])
    watcher.visit(page, f"{live_server.url}{draft.get_absolute_url()}?mode=edit")
    assert page.evaluate("document.cookie").find("csrftoken") == -1
    page.click(f"#row-menu-{first.pk}")  # the row's menu, loaded in place when opened
    page.click(f"#edit-row-{first.pk}")
    page.wait_for_selector(f"#row-{first.pk} form")
    page.goto(f"{live_server.url}{draft.get_absolute_url()}?mode=edit")
    page.click(f"#row-menu-{first.pk}")
    with page.expect_response(lambda r: "/move/" in r.url) as moved:
        page.click(f"#row-down-{first.pk}")
    assert moved.value.status == 200
    page.wait_for_load_state("networkidle")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.order > second.order
    watcher.collect(page, "editor")
    assert watcher.found == []


def test_it_shows_similar_partners_while_typing_with_the_moved_script(
    seeded, live_server, browser_context
):
    watcher = Watcher(browser_context)
    page = browser_login(browser_context, live_server, "admin")
    watcher.visit(page, f"{live_server.url}{reverse('partners:create')}")
    with page.expect_response(lambda r: "/partners/similar/" in r.url) as hint:
        page.locator("#id_name").press_sequentially("КЦСОН «Ирида»")
    assert hint.value.status == 200 and "exclude=" in hint.value.url
    page.wait_for_selector("#similar-hint a")
    assert "КЦСОН «Ирида»" in page.inner_text("#similar-hint")
    watcher.collect(page, "partner form")
    assert watcher.found == []


def test_it_catches_a_violation(seeded, live_server, browser_context):
    """The watcher itself: a style attribute set on a page is reported."""
    watcher = Watcher(browser_context)
    page = browser_login(browser_context, live_server, "teacher")
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color:red\">x</p>')")
    page.wait_for_timeout(200)
    watcher.collect(page, "home")
    assert any("style-src" in found for found in watcher.found)
