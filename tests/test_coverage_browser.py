"""In Debian's Chromium: a methodist follows a gap to its row and comments (the form loaded in
place); the teacher sees it."""

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
    assert page.locator(".month-empty").count() == 0  # regular work covers every working month
    assert page.locator(".month-off").count() == 3  # the summer: shown, not flagged

    gaps.locator(f'a[data-gap-row="{row.pk}"]').click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/plans/{row.plan_id}/#row-{row.pk}")
    target = page.locator(f"#row-{row.pk}")
    expect(target).to_be_in_viewport()  # the browser scrolled to the row
    assert "МБОУ гимназия" in target.inner_text()

    page.evaluate("window.sameDocument = true")
    target.get_by_role("link", name="+ замечание").click()
    page.locator("details#comment-form[open]").wait_for()  # loaded in place by htmx
    assert page.evaluate("window.sameDocument === true"), "the page was not reloaded"
    expect(page.locator("#comment-form")).to_be_in_viewport()
    assert page.locator("select[name=row]").input_value() == str(row.pk)
    expect(page.locator("textarea[name=text]")).to_be_focused()
    page.fill("textarea[name=text]", "Запланируйте хотя бы одно мероприятие с гимназией.")
    page.get_by_role("button", name="Добавить замечание").click()
    page.locator("#plan-comments").get_by_text("Замечание добавлено.").wait_for()
    methodist_context.close()

    assert Comment.objects.get(text__startswith="Запланируйте хотя бы одно").row == row

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


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_it_opens_with_what_to_act_on_and_never_scrolls_sideways(
    transactional_db, demo, live_server, browser, width
):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ru-RU")
    page = browser_login(context, live_server, "methodist")
    page.goto(f"{live_server.url}/coverage/?year={DEMO_YEAR}")

    actions = page.locator(".first-actions li")
    assert 3 <= actions.count() <= 5
    assert "партнёрами" in actions.first.inner_text()
    assert page.locator(".first-actions").bounding_box()["y"] < 900  # on the first screen
    # Regular work is a mark with words for screen readers, not a colour.
    line = page.locator("#matrix-partner-month tr", has_text="Организационно-педагогический отдел")
    assert line.locator(".reg-mark").count() == 9
    assert "регулярная работа" in line.inner_text()
    page.screenshot(path=f"/tmp/coverage-{width}.png", full_page=True)
    width_used = page.evaluate("document.documentElement.scrollWidth")
    assert width_used == width  # no sideways scroll: matrices scroll inside their boxes
    context.close()
