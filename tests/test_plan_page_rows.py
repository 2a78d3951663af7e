"""The plan page's rows: one renderer for the page and the htmx swaps, small editing controls
whose menus open on demand (htmx in place, a page without JavaScript), a small add-row form."""

import json

import pytest

from plans.editor.forms import SELECT_LIMIT
from plans.synth import Spec, build
from tests.factories import ActivityFactory, PartnerFactory, PlanRowFactory
from tests.plan_editing_support import HTMX, body, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_activity(row):
    return ActivityFactory(row=row, title="Мастер-класс", months=0, frequency="quarterly",
                           order=2)


def focus(response):
    return json.loads(response["HX-Trigger-After-Settle"])["planFocus"]["id"]


# --------------------------------------------------------------------------- the page


def test_it_carries_one_small_link_per_row_and_activity_in_edit_mode(
    client, owner, plan, row, activity
):
    client.force_login(owner)
    page = body(client.get(plan.get_absolute_url(), {"mode": "edit"}))
    assert f'id="row-menu-{row.pk}"' in page
    assert f'href="{url("row_tools", plan.pk, row.pk)}"' in page
    assert f'href="{url("activity_tools", plan.pk, row.pk, activity.pk)}"' in page
    # The menus themselves (and their CSRF forms) are not on the page until opened.
    assert f'id="edit-row-{row.pk}"' not in page and "<details class=\"row-tools" not in page
    # The actions link is named with the row's partner (aria-labelledby the partner's link).
    assert f'aria-labelledby="row-menu-{row.pk} rp-{row.pk}"' in page
    assert f'id="rp-{row.pk}"' in page


def test_it_renders_a_row_the_same_on_the_page_and_in_an_htmx_swap(
    client, owner, plan, row, activity, second_activity
):
    client.force_login(owner)
    page = body(client.get(plan.get_absolute_url(), {"mode": "edit"}))
    start = page.index(f'<tbody id="row-{row.pk}"')
    on_page = page[start:page.index("</tbody>", start) + len("</tbody>")]
    swapped = body(client.get(url("row", plan.pk, row.pk), **HTMX)).strip()
    assert swapped == on_page
    assert "Мастер-класс" in on_page and "Один раз в квартал" in on_page


def test_it_opens_a_new_rows_first_activity_form_in_the_whole_table(
    client, owner, plan, schools, school4
):
    """After a row is added with htmx the whole table comes back (the numbering changes),
    drawn by the one renderer, with the new row's activity form open under it."""
    client.force_login(owner)
    response = client.post(
        url("row_add", plan.pk), {"partner": school4.pk, "characteristic": "Цели."}, **HTMX
    )
    row = plan.rows.get()
    page = body(response)
    start = page.index(f'<tbody id="row-{row.pk}" class="plan-row empty-row is-editing">')
    end = page.index("</tbody>", start)
    assert page.count('class="editor-row') == 1
    assert start < page.index('class="editor-row') < end
    assert focus(response) == f"row{row.pk}-new-title"


def test_it_keeps_the_reading_page_free_of_edit_controls(client, owner, plan, row, activity):
    client.force_login(owner)
    page = body(client.get(plan.get_absolute_url()))
    assert "row-menu-" not in page and "/tools/" not in page
    assert f'<tr id="activity-{activity.pk}">' in page and "Экскурсии" in page


def test_it_keeps_the_editing_page_small_per_row(client, administrator):
    """A synthetic plan (Russian titles of 40–120 characters, three activities a row): each
    row's HTML stays under 2 KiB in edit mode, editing controls included."""
    plan = build(Spec(rows=60, activities=3, year=2030))[0]
    client.force_login(administrator)
    reading = client.get(plan.get_absolute_url())
    editing = client.get(plan.get_absolute_url(), {"mode": "edit"})
    assert reading.status_code == editing.status_code == 200
    rows = plan.rows.count()

    def table(response):
        html = response.content
        return html[html.index(b'<table'):html.index(b"</table>")]

    assert b"row-menu-" in table(editing)
    # The page around the table is a fixed cost; the table grows with the rows.
    assert len(table(editing)) / rows < 2048
    assert (len(table(editing)) - len(table(reading))) / rows < 500


# --------------------------------------------------------------------------- the menus


def test_it_loads_a_rows_menu_in_place_with_htmx(client, owner, plan, row, activity):
    client.force_login(owner)
    response = client.get(url("row_tools", plan.pk, row.pk), **HTMX)
    menu = body(response)
    assert menu.lstrip().startswith("<details") and " open>" in menu.lstrip().split("\n")[0]
    for control in ("edit-row", "add-activity", "row-up", "row-down", "delete-row"):
        assert f'id="{control}-{row.pk}"' in menu
    assert 'name="csrfmiddlewaretoken"' in menu
    assert focus(response) == f"edit-row-{row.pk}"
    assert "<html" not in menu


def test_it_disables_the_moves_past_the_rows_group(client, owner, plan, row, schools):
    below = PlanRowFactory(plan=plan, partner=PartnerFactory(category=schools), order=2)
    client.force_login(owner)
    first = body(client.get(url("row_tools", plan.pk, row.pk), **HTMX))
    last = body(client.get(url("row_tools", plan.pk, below.pk), **HTMX))
    assert f'id="row-up-{row.pk}"' in first and 'value="up" disabled' in first
    assert 'value="down" disabled' not in first
    assert 'value="down" disabled' in last and 'value="up" disabled' not in last


def test_it_opens_a_rows_actions_as_a_page_without_javascript(client, owner, plan, row):
    client.force_login(owner)
    page = body(client.get(url("row_tools", plan.pk, row.pk)))
    assert "<html" in page and "Строка «МБОУ СОШ № 4»" in page
    assert f'href="{url("row_edit", plan.pk, row.pk)}"' in page
    assert f'action="{url("row_move", plan.pk, row.pk)}"' in page
    assert f'href="{plan.get_absolute_url()}?mode=edit#row-{row.pk}"' in page


def test_it_loads_an_activitys_menu_with_its_moves(
    client, owner, plan, row, activity, second_activity
):
    client.force_login(owner)
    response = client.get(url("activity_tools", plan.pk, row.pk, activity.pk), **HTMX)
    menu = body(response)
    assert f'id="activity-menu-{activity.pk}"' in menu and " open>" in menu
    assert f'id="edit-activity-{activity.pk}"' in menu
    assert f'id="activity-up-{activity.pk}"' in menu
    assert f'id="delete-activity-{activity.pk}"' in menu
    assert focus(response) == f"edit-activity-{activity.pk}"
    page = body(client.get(url("activity_tools", plan.pk, row.pk, activity.pk)))
    assert "Мероприятие «Экскурсии»" in page and "<html" in page


def test_it_refuses_the_menus_to_those_who_may_not_edit(
    client, methodist, other_teacher, owner, plan, row, activity, approved
):
    client.force_login(methodist)
    assert client.get(url("row_tools", plan.pk, row.pk)).status_code == 403
    client.force_login(other_teacher)
    assert client.get(url("activity_tools", plan.pk, row.pk, activity.pk)).status_code == 404
    client.force_login(owner)
    refused = client.get(url("row_tools", plan.pk, row.pk))
    assert refused.status_code == 302  # approved: back to the plan with the reason


def test_it_opens_the_menus_in_a_fixed_number_of_queries(
    client, owner, plan, row, activity, django_assert_max_num_queries
):
    client.force_login(owner)
    with django_assert_max_num_queries(15) as few:
        client.get(url("row_tools", plan.pk, row.pk), **HTMX)
    for _ in range(20):
        ActivityFactory.create_batch(2, row=PlanRowFactory(plan=plan))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("row_tools", plan.pk, row.pk), **HTMX)


# --------------------------------------------------------------------------- add a row


def test_it_starts_the_partner_select_empty_for_a_large_registry(
    client, owner, plan, row, schools
):
    PartnerFactory.create_batch(SELECT_LIMIT + 1, category=schools)
    target = PartnerFactory(name="Музей истории города", category=schools)
    client.force_login(owner)
    page = body(client.get(plan.get_absolute_url(), {"mode": "edit"}))
    add = page[page.index('id="add-row"'):]
    select = add[add.index('<select name="partner"'):add.index("</select>")]
    assert select.count("<option") == 1 and "сначала найдите партнёра в реестре" in select
    # Without JavaScript the «Find» button narrows the list; with htmx the search box does.
    found = body(client.post(url("row_add", plan.pk), {"q": "музей истории", "find": "1"}))
    assert f'<option value="{target.pk}"' in found
    options = body(client.get(url("partner_search", plan.pk), {"q": "музей истории"}, **HTMX))
    assert f'<option value="{target.pk}" selected>' in options


def test_it_keeps_the_rows_partner_in_its_form_for_a_large_registry(
    client, owner, plan, row, schools
):
    PartnerFactory.create_batch(SELECT_LIMIT + 1, category=schools)
    client.force_login(owner)
    form = body(client.get(url("row_edit", plan.pk, row.pk), **HTMX))
    select = form[form.index('<select name="partner"'):]
    select = select[:select.index("</select>")]
    assert f'<option value="{row.partner_id}" selected>' in select
    assert select.count("<option") == 2
