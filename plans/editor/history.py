"""The history of a plan, its rows and activities, told field by field (django-simple-history).

One query per kind of record, whatever the plan's size; the differences between consecutive
records of an object are worked out here rather than with `diff_against`, which queries per
record. The history says only what happened: a step of the workflow is told once, from its
`PlanTransition` (with its comment only if someone wrote one), and a plan written in bulk —
copied from another year or loaded by the demo (`record_as_loaded`) — is one event.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy, pgettext

from partners.models import Direction, InteractionForm, Partner
from plans import extensions, workflow
from plans.editor.services import COPIED_FROM, DELETED_WITH_ROW, RESTORED
from plans.models import Activity, Plan, PlanRow, PlanTransition
from plans.periods import Period

# The change reason of records written by loading a plan in bulk (the demo), with its source.
LOADED_FROM = "loaded from "
# Fields a step of the workflow changes: told by the step's event, not as a plan change.
STEP_FIELDS = ("status", "approved_at", "approved_by", "approval_order")


@dataclass
class Change:
    label: str
    old: str | None
    new: str | None


@dataclass
class Event:
    at: object
    user: object
    kind: str  # plan, row, activity
    action: str  # created, changed, deleted, restored
    subject: str
    history_id: int
    object_id: int
    row_label: str = ""
    changes: list[Change] = field(default_factory=list)
    reason: str = ""
    restorable: bool = False
    with_row: bool = False

    @property
    def sentence(self) -> str:
        sentence = str(SENTENCES[(self.kind, self.action)])
        return sentence % {"subject": self.subject} if "%(" in sentence else sentence


SENTENCES = {
    ("plan", "created"): gettext_lazy("The plan is created"),
    ("plan", "changed"): gettext_lazy("The plan is changed"),
    ("plan", "deleted"): gettext_lazy("The plan is deleted"),
    ("plan", "restored"): gettext_lazy("The plan is restored"),
    ("plan", "copied"): gettext_lazy("The plan is created as a copy of the plan for %(subject)s"),
    ("plan", "loaded"): gettext_lazy("The plan is loaded from %(subject)s"),
    ("row", "created"): gettext_lazy("Row «%(subject)s» is added"),
    ("row", "changed"): gettext_lazy("Row «%(subject)s» is changed"),
    ("row", "deleted"): gettext_lazy("Row «%(subject)s» is deleted"),
    ("row", "restored"): gettext_lazy("Row «%(subject)s» is restored"),
    ("activity", "created"): gettext_lazy("Activity «%(subject)s» is added"),
    ("activity", "changed"): gettext_lazy("Activity «%(subject)s» is changed"),
    ("activity", "deleted"): gettext_lazy("Activity «%(subject)s» is deleted"),
    ("activity", "restored"): gettext_lazy("Activity «%(subject)s» is restored"),
    **{("step", step.name): step.done for step in workflow.ACTIONS.values()},
}


def row_label(row: PlanRow) -> str:
    return str(row.partner)


def _text(value) -> str:
    if value in (None, ""):
        return "—"
    return str(value)


class _Names:
    """Names of the objects that records point to, loaded once."""

    def __init__(self, partner_ids, form_ids, user_ids):
        self.partners = Partner.objects.in_bulk(partner_ids)
        self.forms = InteractionForm.objects.in_bulk(form_ids)
        self.directions = Direction.objects.in_bulk()
        self.users = get_user_model().objects.in_bulk(user_ids)

    def partner(self, pk):
        return _text(self.partners.get(pk, pk if pk else None))

    def form(self, pk):
        return _text(self.forms.get(pk, pk if pk else None))

    def user(self, pk):
        user = self.users.get(pk)
        return _text(user.get_full_name() or user.username) if user else "—"

    def directions_text(self, ids):
        names = [self.directions[i].name for i in sorted(
            ids, key=lambda i: (self.directions[i].order, self.directions[i].name)
        ) if i in self.directions]
        return ", ".join(names) or "—"


def _verbose(model, name) -> str:
    label = str(model._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def _plan_changes(prev, record, names) -> list[Change]:
    changes = []
    stepped = prev is not None and prev.status != record.status
    for name in ("title", *STEP_FIELDS):
        if stepped and name in STEP_FIELDS:
            continue  # told by the step's own event
        old = getattr(prev, f"{name}_id" if name == "approved_by" else name) if prev else None
        new = getattr(record, f"{name}_id" if name == "approved_by" else name)
        if prev is not None and old == new:
            continue
        if prev is None and new in (None, ""):
            continue
        if name == "status":
            choices = dict(Plan.Status.choices)
            old, new = (str(choices.get(v, v)) if v else None for v in (old, new))
        elif name == "approved_at":
            old, new = (date_format(v, "j E Y") if v else None for v in (old, new))
        elif name == "approved_by":
            old, new = (names.user(v) if v else None for v in (old, new))
        changes.append(Change(_verbose(Plan, name), _text(old) if prev else None, _text(new)))
    return changes


def _row_changes(prev, record, names, directions) -> list[Change]:
    changes = []
    if prev is not None and prev.partner_id != record.partner_id:
        changes.append(Change(_verbose(PlanRow, "partner"), names.partner(prev.partner_id),
                              names.partner(record.partner_id)))
    if (prev is None and record.characteristic) or (
        prev is not None and prev.characteristic != record.characteristic
    ):
        changes.append(Change(
            _verbose(PlanRow, "characteristic"),
            _text(prev.characteristic) if prev else None,
            _text(record.characteristic),
        ))
    new_dirs = directions.get(record.history_id, set())
    old_dirs = directions.get(prev.history_id, set()) if prev else set()
    if (prev is None and new_dirs) or (prev is not None and old_dirs != new_dirs):
        changes.append(Change(
            _verbose(PlanRow, "directions"),
            names.directions_text(old_dirs) if prev else None,
            names.directions_text(new_dirs),
        ))
    if prev is not None and prev.order != record.order:
        changes.append(Change(
            pgettext("plan editor", "Place in the plan"), None,
            _moved(prev, record),
        ))
    return changes


def _moved(prev, record) -> str:
    if record.order < prev.order:
        return pgettext("plan editor", "moved up")
    return pgettext("plan editor", "moved down")


def _period_text(record) -> str:
    try:
        return Period.from_bitmask(record.months, record.frequency, record.period_note).text
    except ValueError:
        return "?"


def _activity_changes(prev, record, names) -> list[Change]:
    changes = []

    def add(label, old, new):
        if prev is None:
            if new not in (None, "", "—"):
                changes.append(Change(label, None, _text(new)))
        elif old != new:
            changes.append(Change(label, _text(old), _text(new)))

    add(_verbose(Activity, "title"), prev and prev.title, record.title)
    add(_verbose(Activity, "form"), prev and names.form(prev.form_id), names.form(record.form_id))
    add(pgettext("plan editor", "Period"), prev and _period_text(prev), _period_text(record))
    for name in ("responsible", "note", "participants", "result"):
        add(_verbose(Activity, name), prev and getattr(prev, name), getattr(record, name))
    if prev is not None and prev.order != record.order:
        changes.append(Change(
            pgettext("plan editor", "Place in the row"), None,
            _moved(prev, record),
        ))
    return changes


def _action(record) -> str:
    if record.history_type == "+":
        return "restored" if record.history_change_reason == RESTORED else "created"
    if record.history_type == "-":
        return "deleted"
    return "changed"


def _reason(record) -> str:
    reason = record.history_change_reason or ""
    if reason in (RESTORED, DELETED_WITH_ROW) or _copied(record):
        return ""
    return reason


def _copied(record) -> bool:
    """Written in bulk, by copying another year's plan or loading one (told once, as the
    plan's creation)."""
    return (record.history_change_reason or "").startswith((COPIED_FROM, LOADED_FROM))


def record_as_loaded(plan: Plan, source: str) -> None:
    """Mark the records written so far for `plan`, its rows and activities as one loading from
    `source` (e.g. «демонстрационных данных»), so its history tells one event, not one per row.
    """
    reason = (LOADED_FROM + source)[:100]
    Plan.history.filter(id=plan.pk).update(history_change_reason=reason)
    PlanRow.history.filter(plan_id=plan.pk).update(history_change_reason=reason)
    Activity.history.filter(row__plan_id=plan.pk).update(history_change_reason=reason)


def _by_object(records):
    """Pairs (previous record of the same object or None, record), oldest first."""
    last = {}
    for record in records:
        yield last.get(record.id), record
        last[record.id] = record


class _Records:
    """Every history record of a plan, its rows and activities, with what they point to: one
    query per kind, whatever the plan's size."""

    ORDER = ("history_date", "history_id")

    def __init__(self, plan: Plan, plans=None, transitions=None):
        self.plan = plan
        self.plans = plans if plans is not None else list(
            Plan.history.filter(id=plan.pk).select_related("history_user").order_by(*self.ORDER))
        self.rows = list(self.row_records().select_related("history_user").order_by(*self.ORDER))
        row_ids = {r.id for r in self.rows}
        self.activities = list(
            self.activity_records(row_ids).select_related("history_user").order_by(*self.ORDER)
        )
        self.transitions = transitions if transitions is not None else list(
            PlanTransition.objects.filter(plan=plan).select_related("by").order_by("at", "pk"))
        self.directions = self._directions()
        self.names = _Names(
            {r.partner_id for r in self.rows},
            {a.form_id for a in self.activities if a.form_id},
            {p.approved_by_id for p in self.plans if p.approved_by_id},
        )
        self.existing_rows = set(PlanRow.objects.filter(pk__in=row_ids).values_list("pk",
                                                                                  flat=True))
        self.existing_activities = set(Activity.objects.filter(
            pk__in={a.id for a in self.activities}).values_list("pk", flat=True))
        self.latest_row = {r.id: r for r in self.rows}
        self.latest_activity = {a.id: a for a in self.activities}

    def row_records(self):
        """The row records to tell (a page of the history takes only some rows')."""
        return PlanRow.history.filter(plan_id=self.plan.pk)

    def activity_records(self, row_ids):
        return Activity.history.filter(row_id__in=row_ids)

    def born_counts(self) -> tuple[int, int]:
        """Rows and activities written in bulk by a copy or a loading."""
        born = [r for r in (*self.rows, *self.activities) if _copied(r) and r.history_type == "+"]
        rows = sum(1 for r in born if isinstance(r, PlanRow.history.model))
        return rows, len(born) - rows

    def _directions(self) -> dict[int, set[int]]:
        """The directions of each row record, by history id."""
        model = PlanRow.history.model._meta.get_field("historicalplanrow_directions")
        directions: dict[int, set[int]] = {}
        for history_id, direction_id in model.related_model.objects.filter(
            history__in=[r.history_id for r in self.rows]
        ).values_list("history_id", "direction_id"):
            directions.setdefault(history_id, set()).add(direction_id)
        return directions


def _copy_event(records: _Records, record) -> Event:
    """The plan's creation by a copy or a loading, told once with the numbers of rows and
    activities."""
    rows, activities = records.born_counts()
    reason = record.history_change_reason
    action = "copied" if reason.startswith(COPIED_FROM) else "loaded"
    return Event(
        record.history_date, record.history_user, "plan", action,
        reason.removeprefix(COPIED_FROM).removeprefix(LOADED_FROM), record.history_id,
        record.id, changes=[
            Change(pgettext("plan editor", "Rows"), None, str(rows)),
            Change(pgettext("plan editor", "Activities"), None, str(activities)),
        ],
    )


def _plan_events(records: _Records):
    for prev, record in _by_object(records.plans):
        if _copied(record):
            if prev is None or not _copied(prev):
                yield _copy_event(records, record)
            continue
        action = _action(record)
        changes = _plan_changes(prev, record, records.names)
        if action == "changed" and not changes:
            continue  # a step of the workflow (its own event) or a save that changed nothing
        yield Event(
            record.history_date, record.history_user, "plan", action,
            str(records.plan), record.history_id, record.id,
            changes=changes, reason=_reason(record),
        )


def _step_events(records: _Records):
    """The steps of the workflow, each with its comment if someone wrote one."""
    for transition in records.transitions:
        step = workflow.step_of(transition)
        if step is None:
            continue
        yield Event(
            transition.at, transition.by, "step", step.name, str(records.plan),
            transition.pk, transition.pk, reason=transition.comment,
        )


def _row_events(records: _Records):
    names = records.names
    for prev, record in _by_object(records.rows):
        if _copied(record):
            continue
        action = _action(record)
        changes = (
            [] if action == "deleted"
            else _row_changes(prev, record, names, records.directions)
        )
        if action == "changed" and not changes:
            continue  # a save that changed nothing
        yield Event(
            record.history_date, record.history_user, "row", action,
            names.partner(record.partner_id), record.history_id, record.id,
            changes=changes, reason=_reason(record),
            restorable=(
                action == "deleted" and record.id not in records.existing_rows
                and records.latest_row[record.id] is record
            ),
        )


def _activity_events(records: _Records):
    names = records.names
    for prev, record in _by_object(records.activities):
        if _copied(record):
            continue
        action = _action(record)
        changes = [] if action == "deleted" else _activity_changes(prev, record, names)
        if action == "changed" and not changes:
            continue
        row = records.latest_row.get(record.row_id)
        yield Event(
            record.history_date, record.history_user, "activity", action,
            record.title, record.history_id, record.id,
            row_label=names.partner(row.partner_id) if row else "",
            changes=changes, reason=_reason(record),
            with_row=record.history_change_reason == DELETED_WITH_ROW,
            restorable=(
                action == "deleted" and record.id not in records.existing_activities
                and records.latest_activity[record.id] is record
                and record.row_id in records.existing_rows
            ),
        )


def plan_events(plan: Plan) -> list[Event]:
    """Everything that happened to the plan, newest first (the page takes a window of it
    without building it all: plans.editor.history_pages)."""
    records = _Records(plan)
    events = [*_plan_events(records), *_step_events(records), *_row_events(records),
              *_activity_events(records), *extensions.history_events(plan)]
    events.sort(key=lambda e: (e.at, e.history_id), reverse=True)
    return events

