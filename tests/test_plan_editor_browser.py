"""A teacher builds a plan in Debian's Chromium: with htmx, and again with JavaScript off."""

import re

import pytest
from playwright.sync_api import expect

from partners.models import Partner, Tier
from plans.models import Plan
from tests.conftest import browser_login
from tests.factories import CategoryFactory, DirectionFactory, PartnerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def registry(db):
    schools = CategoryFactory(name="Образовательные организации", tier=Tier.EXTERNAL, order=1)
    CategoryFactory(name="Учреждения культуры", tier=Tier.EXTERNAL, order=2)
    PartnerFactory(name="МБОУ СОШ № 4", category=schools)
    PartnerFactory(name="МБОУ СОШ № 1", category=schools)
    PartnerFactory(name="Ледовый дворец", category=CategoryFactory(name="Спорт", order=3))
    DirectionFactory(name="образовательное")
    return schools


def create_empty_plan(page, live_server):
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Создать план").click()
    page.get_by_label("Учебный год").select_option(label="2027/2028")
    page.get_by_role("button", name="Создать пустой план").click()
    page.wait_for_url(re.compile(r"/plans/\d+/"))
    assert page.locator("text=План на 2027/2028 учебный год создан").is_visible()
    return Plan.objects.get(year=2027)


def printed_partners(page):
    return page.locator("tbody.plan-row th.col-partner > a:first-child").all_inner_texts()


def check_result(page, plan):
    """What the teacher sees after a reload, and what the database holds."""
    page.reload()
    assert printed_partners(page) == [
        "МБОУ СОШ № 1", "МБОУ СОШ № 4", "Детская школа искусств № 2"
    ]
    periods = page.locator("td.period-cell").all_inner_texts()
    assert "Один раз в квартал" in periods and "Май–июнь" in periods
    assert page.locator("tr.heading-row").all_inner_texts()[0].startswith("1.")
    rows = list(plan.rows.select_related("partner").prefetch_related("activities"))
    assert len(rows) == 3
    by_name = {r.partner.name: r for r in rows}
    assert by_name["МБОУ СОШ № 4"].activities.get().period_text == "Май–июнь"
    assert by_name["МБОУ СОШ № 1"].activities.get().period_text == "Один раз в квартал"
    assert by_name["МБОУ СОШ № 1"].order < by_name["МБОУ СОШ № 4"].order
    assert Partner.objects.get(name="Детская школа искусств № 2").category.name == (
        "Учреждения культуры"
    )


def open_row_menu(page, partner):
    """The row's actions sit in one menu, opened by its «Actions» link: with htmx the menu
    opens in place, without JavaScript it is a page of its own."""
    link = page.get_by_role("link", name=partner, exact=True)
    row = page.locator("tbody.plan-row").filter(has=link)
    row.locator(".row-tools").click()
    page.locator("details.row-tools[open]").wait_for()


# --------------------------------------------------------------------------- with htmx


def add_school4_with_months_in_place(page, add):
    """1. A registry partner found with the search box (Cyrillic, any case)."""
    add.get_by_label("Найти в реестре").fill("сош 4")
    page.wait_for_function(
        "() => document.querySelectorAll('#add-partner option').length === 2"
    )
    assert add.get_by_label("Социальный партнёр").input_value() != ""  # the single match is chosen
    add.get_by_label("Характеристика взаимодействия").fill("Формирование преемственности.")
    add.get_by_label("образовательное").check()
    add.get_by_role("button", name="Добавить в план").click()
    # The new row opens its first activity, with the focus in the title.
    editor = page.locator("tr.editor-row")
    editor.wait_for()
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.name === 'title'"
    )
    page.keyboard.type("Мастер-класс «Цветы из салфеток»")
    editor.locator("label", has_text="Май").click()
    editor.locator("label", has_text="Июн").click()
    page.wait_for_function(
        "() => document.querySelector('tr.editor-row output').textContent.includes('Май–июнь')"
    )
    editor.get_by_role("button", name="Сохранить", exact=True).click()
    editor.wait_for(state="detached")
    expect(page.locator("#plan-live")).to_have_text(
        "Мероприятие «Мастер-класс «Цветы из салфеток»» добавлено."
    )


def add_school1_with_a_frequency_in_place(page, add):
    """2. A partner chosen in the plain list; a frequency instead of months."""
    editor = page.locator("tr.editor-row")
    add.get_by_label("Социальный партнёр").select_option(label="МБОУ СОШ № 1")
    add.get_by_role("button", name="Добавить в план").click()
    editor.wait_for()
    editor.get_by_role("textbox", name="Мероприятие").fill("Экскурсии")
    editor.get_by_label("Как часто").select_option(label="Один раз в квартал")
    page.wait_for_function(
        "() => document.querySelector('tr.editor-row output').textContent.includes('квартал')"
    )
    editor.get_by_role("textbox", name="Мероприятие").press("Enter")
    editor.wait_for(state="detached")


def add_a_new_partner_in_place(page, add):
    """3. A partner that is not in the registry, created without leaving the page."""
    editor = page.locator("tr.editor-row")
    add.locator("summary").click()
    add.get_by_label("Название нового партнёра").fill("Детская школа искусств № 2")
    add.get_by_label("Категория нового партнёра").select_option(label="Учреждения культуры")
    add.get_by_role("button", name="Добавить в реестр и выбрать").click()
    page.wait_for_function(
        "() => document.querySelector('#add-partner').selectedOptions[0].text"
        ".includes('искусств')"
    )
    add.get_by_role("button", name="Добавить в план").click()
    editor.wait_for()
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.name === 'title'"
    )
    page.keyboard.press("Escape")  # no activity yet: Escape closes the editor
    editor.wait_for(state="detached")


def move_school1_up_in_place(page):
    """4. Reorder: the second school goes above the first; the focus stays on the control."""
    assert printed_partners(page)[:2] == ["МБОУ СОШ № 4", "МБОУ СОШ № 1"]
    open_row_menu(page, "МБОУ СОШ № 1")
    page.get_by_role("button", name="Переместить «МБОУ СОШ № 1» выше").click()
    page.wait_for_function(
        "() => document.querySelector('tbody.plan-row th a').textContent.includes('СОШ № 1')"
    )
    page.wait_for_function(  # back on the moved row's menu
        "() => document.activeElement && document.activeElement.closest('.row-tools')"
    )


def test_it_lets_a_teacher_build_a_plan_in_place(browser_context, live_server, owner, registry):
    page = browser_login(browser_context, live_server, "owner")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    plan = create_empty_plan(page, live_server)
    add = page.locator("#add-row")
    add_school4_with_months_in_place(page, add)
    add_school1_with_a_frequency_in_place(page, add)
    add_a_new_partner_in_place(page, add)
    move_school1_up_in_place(page)
    check_result(page, plan)
    assert errors == []


# --------------------------------------------------------------------------- without JavaScript


def add_school4_with_months_without_javascript(page, add):
    """1. The search works as a button: it narrows the list on a page of its own."""
    add.get_by_label("Найти в реестре").fill("сош 4")
    add.get_by_role("button", name="Найти").click()
    page.wait_for_load_state()
    form = page.locator("form.row-form")
    assert form.get_by_label("Социальный партнёр").locator("option").count() == 2
    form.get_by_label("Социальный партнёр").select_option(label="МБОУ СОШ № 4")
    form.get_by_label("Характеристика взаимодействия").fill("Формирование преемственности.")
    form.get_by_role("button", name="Добавить в план").click()
    page.wait_for_url(re.compile(r"/plans/\d+/\?mode=edit#row-\d+"))

    # An activity with two month toggles, on the activity page.
    open_row_menu(page, "МБОУ СОШ № 4")
    page.get_by_role("link", name="+ Мероприятие с партнёром «МБОУ СОШ № 4»").click()
    page.get_by_role("textbox", name="Мероприятие").fill("Мастер-класс «Цветы из салфеток»")
    page.locator("label.month-toggle", has_text="Май").click()
    page.locator("label.month-toggle", has_text="Июн").click()
    page.get_by_role("button", name="Сохранить", exact=True).click()
    page.wait_for_url(re.compile(r"#row-\d+$"))


def add_school1_with_a_frequency_without_javascript(page, add):
    """2. The plain list, then an activity with a frequency; a bad save first."""
    add.get_by_label("Социальный партнёр").select_option(label="МБОУ СОШ № 1")
    add.get_by_role("button", name="Добавить в план").click()
    page.wait_for_url(re.compile(r"#row-\d+$"))
    open_row_menu(page, "МБОУ СОШ № 1")
    page.get_by_role("link", name="+ Мероприятие с партнёром «МБОУ СОШ № 1»").click()
    page.get_by_role("textbox", name="Мероприятие").fill("Экскурсии")
    page.get_by_role("button", name="Сохранить", exact=True).click()
    assert page.locator("text=Укажите период: отметьте месяцы").is_visible()
    page.get_by_label("Как часто").select_option(label="Один раз в квартал")
    page.get_by_role("button", name="Сохранить", exact=True).click()
    page.wait_for_url(re.compile(r"#row-\d+$"))


def add_a_new_partner_without_javascript(page, add):
    """3. A new partner: <details> opens without JavaScript; the form comes back with it chosen."""
    add.locator("summary").click()
    add.get_by_label("Название нового партнёра").fill("Детская школа искусств № 2")
    add.get_by_label("Категория нового партнёра").select_option(label="Учреждения культуры")
    add.get_by_role("button", name="Добавить в реестр и выбрать").click()
    page.wait_for_load_state()
    chosen = page.locator("form.row-form").get_by_label("Социальный партнёр")
    assert "искусств" in chosen.locator("option:checked").inner_text()
    page.get_by_role("button", name="Добавить в план").click()
    page.wait_for_url(re.compile(r"#row-\d+$"))


def test_it_lets_a_teacher_build_the_same_plan_without_javascript(
    nojs_context, live_server, owner, registry
):
    page = browser_login(nojs_context, live_server, "owner")
    plan = create_empty_plan(page, live_server)
    add = page.locator("#add-row")
    add_school4_with_months_without_javascript(page, add)
    add_school1_with_a_frequency_without_javascript(page, add)
    add_a_new_partner_without_javascript(page, add)

    # 4. Reorder with the arrow button (a form that posts and comes back to the row).
    open_row_menu(page, "МБОУ СОШ № 1")
    page.get_by_role("button", name="Переместить «МБОУ СОШ № 1» выше").click()
    page.wait_for_url(re.compile(r"#row-\d+$"))
    assert page.locator("text=«МБОУ СОШ № 1» перемещён выше.").is_visible()
    check_result(page, plan)
