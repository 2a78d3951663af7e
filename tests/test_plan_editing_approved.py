"""The plan editor (issue #3): approved plans take no change, and who sees the edit controls."""

import pytest

from plans.models import Activity, PlanRow
from tests.factories import (
    ActivityFactory,
    PartnerFactory,
    PlanRowFactory,
)
from tests.plan_editing_support import HTMX, body, url

# --------------------------------------------------------------------------- approved plans


def approved_cases(plan, row, activity):
    a = [plan.pk, row.pk, activity.pk]
    return [
        ("post", url("row_add", plan.pk), {"partner": PartnerFactory().pk}),
        ("post", url("row_edit", plan.pk, row.pk),
         {"partner": row.partner_id, "characteristic": "x", "version": row.version}),
        ("post", url("row_delete", plan.pk, row.pk), {}),
        ("post", url("row_move", plan.pk, row.pk), {"direction": "up"}),
        ("post", url("activity_add", plan.pk, row.pk), {"title": "x", "months": ["9"]}),
        ("post", url("activity_edit", *a), {"title": "x", "months": ["9"], "version": 1}),
        ("post", url("activity_delete", *a), {}),
        ("post", url("activity_move", *a), {"direction": "down"}),
        ("post", url("restore", plan.pk, "row", 1), {}),
        ("get", url("row_edit", plan.pk, row.pk), {}),
        ("get", url("activity_add", plan.pk, row.pk), {}),
    ]


@pytest.fixture
def second_activity(row):
    return ActivityFactory(row=row, title="Второе", order=2)


@pytest.mark.parametrize("htmx", [False, True])
def test_it_refuses_every_change_to_an_approved_plan(
    client, owner, row, activity, second_activity, approved, htmx
):
    client.force_login(owner)
    snapshot = list(Activity.objects.values_list("pk", "title", "order", "version"))
    for method, target, data in approved_cases(approved, row, activity):
        response = getattr(client, method)(target, data, **(HTMX if htmx else {}))
        if htmx:
            assert response.status_code == 200 and response["HX-Retarget"] == "#plan-notices"
            text = body(response)
        else:
            assert response.status_code == 302, target
            text = body(client.get(response["Location"]))
        assert "План утверждён 29 августа 2025 г., утвердил(а): Анна Иванова" in text, target
        assert "Администратор может вернуть его в черновик" in text
    assert list(Activity.objects.values_list("pk", "title", "order", "version")) == snapshot
    assert PlanRow.objects.get().characteristic == "Преемственность."
    assert PlanRow.objects.count() == 1


def test_it_shows_no_edit_controls_on_an_approved_plan(client, owner, row, approved):
    client.force_login(owner)
    page = body(client.get(approved.get_absolute_url(), {"mode": "edit"}))
    assert "29 августа 2025, утвердил(а)" in page and "Администратор может вернуть" in page
    assert "edit-row-" not in page and 'id="add-row"' not in page
    assert "row-menu-" not in page and "/tools/" not in page
    assert 'id="mode-edit"' not in page  # nothing to switch to
    assert url("copy", approved.pk) in page  # copying it forward is still possible


def test_it_states_the_status_of_an_approved_plan_once(client, owner, row, approved):
    client.force_login(owner)
    page = body(client.get(approved.get_absolute_url()))
    status = page[page.index('id="plan-status"'):]
    status = status[:status.index("</p>")]
    assert status.count(">Утверждён<") == 1 and "Утверждён 29" not in status
    assert "29 августа 2025, утвердил(а): Анна Иванова" in status
    rest = page.replace(status, "")
    rest = rest[:rest.index('id="status-history"')] if 'id="status-history"' in rest else rest
    assert "План утверждён" not in rest and "утвердил(а)" not in rest
    assert "status-badge-approved" not in rest
    assert "d-none d-print-block" in page  # the approval block is only printed


def test_it_opens_the_plan_as_the_clean_table_and_edits_in_mode_edit(
    client, owner, plan, row, activity
):
    client.force_login(owner)
    page = body(client.get(plan.get_absolute_url()))
    assert f'id="row-menu-{row.pk}"' not in page and 'id="add-row"' not in page
    assert f'href="{plan.get_absolute_url()}?mode=edit"' in page and "Редактировать" in page
    page = body(client.get(plan.get_absolute_url(), {"mode": "edit"}))
    # A row's actions open on demand (tests/test_plan_page_rows.py): its menu's link is here.
    assert f'id="row-menu-{row.pk}"' in page and 'id="add-row"' in page
    assert url("row_tools", plan.pk, row.pk) in page and "<details" in page
    assert f'href="{plan.get_absolute_url()}"' in page and "Завершить редактирование" in page


def test_it_shows_no_edit_controls_to_a_methodist(client, methodist, plan, row, activity):
    client.force_login(methodist)
    page = body(client.get(plan.get_absolute_url(), {"mode": "edit"}))
    assert "edit-row-" not in page and "edit-activity-" not in page
    assert "row-menu-" not in page and "/tools/" not in page
    assert 'id="add-row"' not in page and url("history", plan.pk) in page


def test_it_shows_edit_controls_to_the_owner_and_administrator(
    client, owner, administrator, plan, row, activity
):
    for user in (owner, administrator):
        client.force_login(user)
        page = body(client.get(plan.get_absolute_url(), {"mode": "edit"}))
        assert url("row_tools", plan.pk, row.pk) in page
        assert url("activity_tools", plan.pk, row.pk, activity.pk) in page
        assert 'id="add-row"' in page and "Добавить партнёра в план" in page


def test_it_renders_the_editable_plan_in_a_fixed_number_of_queries(
    client, owner, plan, django_assert_max_num_queries
):
    def add_rows(n):
        for _ in range(n):
            ActivityFactory.create_batch(3, row=PlanRowFactory(plan=plan))

    add_rows(2)
    client.force_login(owner)
    with django_assert_max_num_queries(20) as few:
        client.get(plan.get_absolute_url(), {"mode": "edit"})
    add_rows(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(plan.get_absolute_url(), {"mode": "edit"})
