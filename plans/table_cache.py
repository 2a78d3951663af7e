"""The plan page's table, kept rendered until the plan or the registry changes.

Reading a plan's rows and activities and drawing them is most of the plan page's time; the
page is read far more often than the plan changes. So the lines of the reading mode
(`plans.table_html`) are kept in the cache, under a key of:

* the plan's token and the registry's token (below);
* what else the lines show: the open comments' badges and whether the user may comment;
* the language, and a digest of the code that numbers and draws the lines (a new release
  draws anew).

A token is a random string kept in the cache. Any write to a plan's rows or activities gives
that plan a new token: their signals (saves and deletes, loaddata's too, cascades included) and
the bulk methods of their querysets (`plans.models`), the same doors the plan lock watches
(`plans.locking`). Any write to a partner or a category gives the registry a new token, and so
every plan. A new token is set at once (a later read in the same transaction) and again when
the transaction commits (a page read meanwhile, drawn from the old rows, was kept under the
token of that moment, which is then no longer asked for). A token missing from the cache
(evicted, a new cache) is made anew: an entry is only ever found under the tokens it was drawn
with. The editing mode is never kept.
"""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

PREFIX = "plan-table"
REGISTRY = f"{PREFIX}:registry"
TIMEOUT = 24 * 3600  # seconds; an entry not asked for in a day is drawn anew
# The code that numbers and draws the lines: another release draws them anew.
CODE = hashlib.sha256(b"".join(
    (Path(__file__).parent / name).read_bytes() for name in ("table.py", "table_html.py")
)).hexdigest()[:12]


def _token_key(plan_id: int) -> str:
    return f"{PREFIX}:plan:{plan_id}"


def _renew(keys: list[str]) -> None:
    cache.set_many({key: secrets.token_hex(8) for key in keys}, TIMEOUT)


def _changed(keys: list[str]) -> None:
    """New tokens now, and again when the transaction commits."""
    if not keys:
        return
    _renew(keys)
    transaction.on_commit(lambda: _renew(keys))


def plans_changed(plan_ids) -> None:
    _changed([_token_key(pk) for pk in {pk for pk in plan_ids if pk is not None}])


def registry_changed() -> None:
    _changed([REGISTRY])


def _tokens(plan_id: int) -> tuple[str, str]:
    keys = [_token_key(plan_id), REGISTRY]
    found = cache.get_many(keys)
    missing = {key: secrets.token_hex(8) for key in keys if key not in found}
    if missing:
        cache.set_many(missing, TIMEOUT)
        found |= missing
    return found[keys[0]], found[keys[1]]


def _shown(comment_counts: dict, first_comment: dict, can_comment: bool) -> str:
    """What the lines show besides the plan: the comments' badges, the «+ comment» links."""
    text = repr((sorted(comment_counts.items()), sorted(first_comment.items()), can_comment))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def lines_html(plan, context: dict, draw) -> str:
    """The reading mode's lines of the plan: kept, else `draw()` (the tokens are read first,
    before the rows)."""
    plan_token, registry_token = _tokens(plan.pk)
    shown = _shown(context.get("comment_counts") or {}, context.get("first_comment") or {},
                   bool(context.get("can_comment")))
    key = (f"{PREFIX}:{plan.pk}:{plan_token}:{registry_token}:{shown}:{get_language()}:"
           f"{CODE}")
    html = cache.get(key)
    if html is None:
        html = str(draw())
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # noqa: S308 (drawn escaped by plans.table_html)


# --------------------------------------------------------------------------- what changes


def plans_of_rows(row_ids) -> set[int]:
    PlanRow = apps.get_model("plans", "PlanRow")  # noqa: N806 (plans.models imports this module)
    ids = {pk for pk in row_ids if pk is not None}
    if not ids:
        return set()
    return set(PlanRow.objects.filter(pk__in=ids).values_list("plan_id", flat=True))


def _row_saved(sender, instance, **kwargs):
    plans_changed([instance.plan_id])


def _activity_saved(sender, instance, origin=None, **kwargs):
    if origin is not None and getattr(origin, "model", type(origin)) is not sender:
        return  # deleted with its row (or the row's plan): the row's own signal renews it
    row = instance.row if sender.row.field.is_cached(instance) else None
    plans_changed([row.plan_id] if row is not None else plans_of_rows([instance.row_id]))


def _registry_saved(sender, **kwargs):
    registry_changed()


def connect() -> None:
    """Connect the signals (PlansConfig.ready); the bulk methods call `plans_changed`."""
    from partners.models import Category, Partner

    Activity, PlanRow = apps.get_model("plans", "Activity"), apps.get_model("plans", "PlanRow")  # noqa: N806
    for signal in (post_save, post_delete):
        name = "save" if signal is post_save else "delete"
        signal.connect(_row_saved, sender=PlanRow, dispatch_uid=f"plan-table-row-{name}")
        signal.connect(_activity_saved, sender=Activity,
                       dispatch_uid=f"plan-table-activity-{name}")
        for model in (Partner, Category):
            signal.connect(_registry_saved, sender=model,
                           dispatch_uid=f"plan-table-{model.__name__}-{name}")
