"""End to end in Chromium: the administrator approves the current draft and prints it."""

import io

import pytest
from pypdf import PdfReader

from plans.models import Plan
from tests.conftest import browser_login
from tests.print_support import pdf_contains, seed_plans

pytestmark = [pytest.mark.browser]


def pdf_text(download) -> list[str]:
    with open(download.path(), "rb") as handle:
        return [page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages]


def test_it_lets_the_administrator_approve_the_draft_and_download_its_pdf(
    transactional_db, demo, live_server, browser
):
    _approved, draft = seed_plans()
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="ru-RU", accept_downloads=True
    )
    try:
        page = browser_login(context, live_server, "admin")
        page.goto(f"{live_server.url}{draft.get_absolute_url()}")
        with page.expect_download() as draft_pdf:
            page.click("#export-pdf")
        pages = pdf_text(draft_pdf.value)
        assert "ПРОЕКТ" in pages[0] and "УТВЕРЖДАЮ" not in "".join(pages)

        page.click("a#action-submit")  # htmx loads the step's form in its place
        page.click("#action-submit button[type=submit]")
        page.wait_for_selector("text=Готово: план теперь в статусе «На проверке».")
        page.click("a#action-approve")
        page.fill("#id_approve_order_number", "125-о")
        page.click("#action-approve button[type=submit]")
        page.wait_for_selector("text=Готово: план теперь в статусе «Утверждён».")
        # The approval block is printed, not shown on screen (the status line says it once).
        assert page.locator(".approval-block").text_content().strip().startswith("УТВЕРЖДАЮ")

        with page.expect_download() as approved_pdf:
            page.click("#export-pdf")
        pages = pdf_text(approved_pdf.value)
        assert "УТВЕРЖДАЮ" in pages[0] and "Приказ № 125-о" in pages[0]
        assert pdf_contains("".join(pages[:-1]), "25. КЦСОН «Ирида»")
        assert pdf_contains(pages[-1], "Модель взаимодействия")
        assert "ПРОЕКТ" not in "".join(pages)
    finally:
        context.close()
    draft.refresh_from_db()
    assert draft.status == Plan.Status.APPROVED and draft.approval_order == "125-о"


def test_it_returns_a_plan_with_a_comment_without_javascript(
    transactional_db, demo, live_server, nojs_context
):
    _approved, draft = seed_plans()
    draft.status = Plan.Status.REVIEW
    draft.save()
    page = browser_login(nojs_context, live_server, "methodist")
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    page.click("a#action-return")  # without JavaScript: the plan's page with the form open
    page.wait_for_load_state()
    page.fill("#id_return_comment", "   ")  # passes the browser's own check, not the server's
    page.click("#action-return button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#action-return").get_attribute("open") is not None
    assert "комментарий обязателен" in page.locator("#action-return").inner_text()
    page.fill("#id_return_comment", "Добавьте мероприятия с ОМВД")
    page.click("#action-return button[type=submit]")
    page.wait_for_selector("#returned-comment")
    assert "Добавьте мероприятия с ОМВД" in page.locator("#returned-comment").inner_text()
    page.goto(f"{live_server.url}/plans/{draft.pk}/diagram/")
    assert page.locator("figure.partner-diagram svg").count() == 1
    page.set_viewport_size({"width": 768, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 768, "the diagram page does not overflow a tablet's width"
