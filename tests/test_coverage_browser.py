"""In Debian's Chromium: a methodist follows a gap to its row and comments; the teacher sees it."""

import re

import pytest
from playwright.sync_api import expect

from plans.models import Comment, PlanRow, current_academic_year
from tests.conftest import browser_login

DEMO_YEAR = current_academic_year() - 1


@pytest.mark.browser
def test_it_follows_a_gap_to_its_row_and_leaves_a_comment_the_teacher_sees(
    transactional_db, demo, live_server, browser
):
    row = PlanRow.objects.get(plan__year=DEMO_YEAR, partner__name="МБОУ гимназия")

    methodist_context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="ru-RU")
    page = browser_login(methodist_context, live_server, "methodist")
    page.get_by_role("link", name="Охват").click()
    page.select_option("select[name=year]", str(DEMO_YEAR))
    page.get_by_role("button", name="Показать").click()
    page.wait_for_load_state()

    gaps = page.locator("#empty-partners")
    assert gaps.get_by_text("МБОУ гимназия").is_visible()
    assert gaps.locator("tr.gap-row").count() == 8
    assert page.locator(".month-empty").count() == 2

    gaps.locator(f'a[data-gap-row="{row.pk}"]').click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/plans/{row.plan_id}/#row-{row.pk}")
    target = page.locator(f"#row-{row.pk}")
    expect(target).to_be_in_viewport()  # the browser scrolled to the row
    assert "МБОУ гимназия" in target.inner_text()

    target.get_by_role("link", name="+ замечание").click()
    page.wait_for_load_state()
    assert page.locator("#comment-form").get_attribute("open") is not None
    assert page.locator("select[name=row]").input_value() == str(row.pk)
    page.fill("textarea[name=text]", "Запланируйте хотя бы одно мероприятие с гимназией.")
    page.get_by_role("button", name="Добавить замечание").click()
    page.locator("#plan-comments").get_by_text("Замечание добавлено.").wait_for()
    methodist_context.close()

    assert Comment.objects.get().row == row

    teacher_context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="ru-RU")
    page = browser_login(teacher_context, live_server, "teacher")
    page.goto(f"{live_server.url}{row.plan.get_absolute_url()}")
    comments = page.locator("#plan-comments")
    assert comments.get_by_text("Запланируйте хотя бы одно мероприятие с гимназией.").is_visible()
    badge = page.locator(f"#row-{row.pk} .comment-badge")
    assert badge.inner_text().strip() == "1 замечание"
    badge.click()
    assert re.search(r"#comment-\d+$", page.url)
    teacher_context.close()
