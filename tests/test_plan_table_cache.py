"""The plan page keeps its table drawn (plans.table_cache) and draws it anew whenever what it
shows changes: by any door, a save, a delete, a bulk write, the registry, the comments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Activity, Comment, PlanRow
from plans.table_cache import lines_html
from tests.factories import ActivityFactory, PartnerFactory, PlanRowFactory


@pytest.fixture
def reader(client, methodist, plan, activity):
    client.force_login(methodist)

    def read() -> str:
        return client.get(plan.get_absolute_url()).content.decode()

    assert "Экскурсии" in read()
    return read


def test_it_reads_no_rows_while_the_plan_is_unchanged(client, reader, plan):
    with CaptureQueriesContext(connection) as queries:
        body = reader()
    assert "Экскурсии" in body
    assert not any("plans_activity" in q["sql"] for q in queries.captured_queries)


def test_it_draws_again_after_an_activity_is_saved(reader, activity):
    activity.title = "Экскурсии в музей"
    activity.save()
    assert "Экскурсии в музей" in reader()


def test_it_draws_again_after_a_bulk_update_and_create(reader, activity, row):
    Activity.objects.filter(pk=activity.pk).update(title="Обновлено пакетом")
    assert "Обновлено пакетом" in reader()
    Activity.objects.bulk_create([Activity(row=row, title="Создано пакетом", order=5)])
    assert "Создано пакетом" in reader()


def test_it_draws_again_after_rows_change(reader, plan, row):
    added = PlanRowFactory(plan=plan, partner=PartnerFactory(name="Музей истории"))
    assert "Музей истории" in reader()
    PlanRow.objects.filter(pk=added.pk).update(characteristic="Экскурсии по залам.")
    assert "Экскурсии по залам." in reader()
    added.delete()
    assert "Музей истории" not in reader()
    row.delete()  # its activity goes with it (a cascade)
    assert "Экскурсии" not in reader()


def test_it_asks_no_plan_for_activities_deleted_with_their_row(plan, row):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ActivityFactory.create_batch(5, row=row)
    with CaptureQueriesContext(connection) as queries:
        PlanRow.objects.get(pk=row.pk).delete()
    asked = [q for q in queries.captured_queries if 'FROM "plans_planrow"' in q["sql"]
             and '"plans_planrow"."plan_id"' in q["sql"] and "SELECT" in q["sql"]]
    assert len(asked) <= 1


def test_it_draws_again_after_an_activity_is_deleted(reader, activity):
    Activity.objects.get(pk=activity.pk).delete()  # not cached with its row
    assert "Экскурсии" not in reader()


def test_it_draws_again_after_the_registry_changes(reader, row):
    partner = row.partner
    partner.name = "МБОУ СОШ № 4 имени Пушкина"
    partner.save()
    assert "МБОУ СОШ № 4 имени Пушкина" in reader()
    category = partner.category
    category.plan_heading = "Школы города:"
    category.save()
    assert "Школы города:" in reader()


def test_it_draws_the_comments_badges_as_they_are(reader, plan, row, methodist):
    comment = Comment.objects.create(plan=plan, row=row, author=methodist, text="Уточните.")
    assert "1 замечание" in reader()
    Comment.objects.filter(pk=comment.pk).update(resolved_at="2025-01-01T00:00Z")
    assert "1 замечание" not in reader()


def test_it_keeps_each_reader_s_links(client, reader, plan, owner):
    assert "row-comment-link" in reader()  # a methodist may comment
    client.force_login(owner)
    assert "row-comment-link" not in client.get(plan.get_absolute_url()).content.decode()


def test_it_never_keeps_the_editing_mode(client, owner, plan, activity):
    client.force_login(owner)
    client.get(plan.get_absolute_url())
    edit = client.get(plan.get_absolute_url(), {"mode": "edit"}).content.decode()
    assert "plan-table-editing" in edit and "row-tools" in edit
    assert "row-tools" not in client.get(plan.get_absolute_url()).content.decode()


def test_it_draws_anew_when_its_token_is_gone(plan, activity, settings):
    from django.core.cache import cache

    drawn = []

    def draw():
        drawn.append(1)
        return "<tbody>x</tbody>"

    assert lines_html(plan, {}, draw) == "<tbody>x</tbody>"
    lines_html(plan, {}, draw)
    assert len(drawn) == 1
    cache.clear()  # evicted: a new token, never an entry drawn under another
    lines_html(plan, {}, draw)
    assert len(drawn) == 2


def test_it_renews_the_token_when_the_transaction_commits(
    plan, row, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from plans.table_cache import _token_key

    lines_html(plan, {}, lambda: "")
    before = cache.get(_token_key(plan.pk))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ActivityFactory(row=row, title="Новое")
    during = cache.get(_token_key(plan.pk))
    assert during != before and callbacks
    for callback in callbacks:
        callback()
    assert cache.get(_token_key(plan.pk)) not in (before, during)
