"""A page of a plan's history, paged in the database over the union of every kind of event.

The history of a 2,000-row plan holds some 12,000 events; building them all to show fifty took
more than a second. Rows' and activities' records are the many: their keys (time, id, kind)
are read newest first in one UNION query, only as far as the page asked for, and merged with the
few (the plan's own records, the workflow's steps and the events of `plans.extensions` history
sources, which those build themselves). Then only the page's events are told, from all the
records of the objects on it (a change is told against the object's previous record).

Records written in bulk by a copy or a loading are left out in the query (told once, as the
plan's creation). A save that changed nothing is counted but not shown, so a page may show a
few events less than PER_PAGE.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import F, IntegerField, Q, Value

from plans import extensions
from plans.editor import history
from plans.editor.services import COPIED_FROM
from plans.models import Activity, Plan, PlanRow

PER_PAGE = 50
ROW, ACTIVITY = 1, 2
BULK = Q(history_change_reason__startswith=COPIED_FROM) | Q(
    history_change_reason__startswith=history.LOADED_FROM
)


def _rows(plan: Plan):
    return PlanRow.history.filter(plan_id=plan.pk).exclude(BULK)


def _activities(plan: Plan):
    return Activity.history.filter(row_id__in=PlanRow.history.filter(plan_id=plan.pk)
                                   .values("id")).exclude(BULK)


class _Window(history._Records):
    """The records of the given rows and activities only (all of each object's records)."""

    def __init__(self, plan: Plan, row_ids=(), activity_ids=(), known=None):
        self.row_ids, self.activity_ids = set(row_ids), set(activity_ids)
        if known is None:
            super().__init__(plan)
        else:  # the plan's own records and steps, read already
            super().__init__(plan, known.plans, known.transitions)

    def row_records(self):
        return PlanRow.history.filter(plan_id=self.plan.pk, id__in=self.row_ids)

    def activity_records(self, row_ids):
        return Activity.history.filter(id__in=self.activity_ids)

    def born_counts(self) -> tuple[int, int]:
        return (PlanRow.history.filter(plan_id=self.plan.pk, history_type="+")
                .filter(BULK).count(),
                Activity.history.filter(row_id__in=PlanRow.history.filter(
                    plan_id=self.plan.pk).values("id"), history_type="+").filter(BULK).count())


class PlanHistory:
    """The plan's events newest first, as a sequence a Paginator pages through: `count()`
    and slices, each slice told from the records on it."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.known = few = _Window(plan)
        self.few = [*history._plan_events(few), *history._step_events(few),
                    *extensions.history_events(plan)]
        self.few.sort(key=_key, reverse=True)

    def count(self) -> int:
        return self._union().count() + len(self.few)

    def _union(self):
        """Keys (time, history id, kind, object id, row id) of rows' and activities' records."""
        rows = _rows(self.plan).annotate(kind=Value(ROW, IntegerField()), owner=F("id"))
        activities = _activities(self.plan).annotate(kind=Value(ACTIVITY, IntegerField()),
                                                     owner=F("row_id"))
        fields = ("history_date", "history_id", "kind", "id", "owner")
        return rows.order_by().values_list(*fields).union(
            activities.order_by().values_list(*fields), all=True)

    def _keys(self, limit: int) -> list[tuple]:
        """The newest `limit` keys."""
        return list(self._union().order_by("-history_date", "-history_id")[:limit])

    def __getitem__(self, window: slice) -> list:
        start, stop = window.start or 0, window.stop
        merged = [(*key, None) for key in self._keys(stop)]
        merged += [(e.at, e.history_id, 0, 0, 0, e) for e in self.few]
        merged.sort(key=lambda k: (k[0], k[1]), reverse=True)
        page = merged[start:stop]
        told = self._tell([key for key in page if key[-1] is None])
        return [key[-1] if key[-1] is not None else told[key[2], key[1]]
                for key in page if key[-1] is not None or (key[2], key[1]) in told]

    def _tell(self, keys: list[tuple]) -> dict:
        """The events of the records with these keys, by (kind, history id)."""
        row_hids = {hid for _at, hid, kind, _id, _row, _e in keys if kind == ROW}
        activity_hids = {hid for _at, hid, kind, _id, _row, _e in keys if kind == ACTIVITY}
        records = _Window(self.plan, {row for *_k, row, _e in keys},
                          {pk for _at, _hid, kind, pk, _row, _e in keys if kind == ACTIVITY},
                          known=self.known)
        told = {(ROW, e.history_id): e for e in history._row_events(records)
                if e.history_id in row_hids}
        told.update({(ACTIVITY, e.history_id): e for e in history._activity_events(records)
                     if e.history_id in activity_hids})
        return told


def _key(event) -> tuple:
    return (event.at, event.history_id)


def plan_history(plan: Plan, page=None):
    return Paginator(PlanHistory(plan), PER_PAGE).get_page(page)
