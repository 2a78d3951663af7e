"""What was recorded against a plan, told in the plan's history (a history source registered in
plans.extensions from ExecutionConfig.ready()). One query per kind of record, whatever the size.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from execution.models import Achievement, ActivityChange, Occurrence, OccurrenceFile
from plans.editor.history import Change, Event
from plans.models import Activity, PlanRow
from plans.periods import month_name

PEOPLE_FIELDS = ("date", "children", "adults", "result", "links")


@dataclass
class RecordedEvent(Event):
    """An event of the plan's history told in a sentence of its own."""

    text: str = ""

    @property
    def sentence(self) -> str:
        return self.text


def _label(model, name) -> str:
    label = str(model._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def _shown(name, value) -> str:
    if name == "date" and value:
        return date_format(value, "j E Y")
    if name == "level" and value:
        return str(Achievement.Level(value).label) if value in Achievement.Level.values else value
    return "—" if value in (None, "") else str(value)


def _diff(model, prev, record, names) -> list[Change]:
    changes = []
    for name in names:
        new = getattr(record, name)
        if prev is None:
            if new not in (None, "", 0):
                changes.append(Change(_label(model, name), None, _shown(name, new)))
        elif getattr(prev, name) != new:
            changes.append(
                Change(_label(model, name), _shown(name, getattr(prev, name)), _shown(name, new))
            )
    return changes


def _pairs(records):
    last = {}
    for record in records:
        yield last.get(record.id), record
        last[record.id] = record


def _history(model, **filters):
    return list(
        model.history.filter(**filters)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )


ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


def _event(record, kind, subject, text, changes=(), reason="") -> Event:
    return RecordedEvent(
        record.history_date,
        record.history_user,
        kind,
        ACTIONS[record.history_type],
        subject,
        record.history_id,
        record.id,
        changes=list(changes),
        reason=reason,
        text=text,
    )


def _occurrence_text(record, title) -> str:
    date = date_format(record.date, "j E Y")
    return {
        "+": _("«%(title)s» is held on %(date)s"),
        "~": _("«%(title)s»: the occurrence of %(date)s is changed"),
        "-": _("«%(title)s»: the occurrence of %(date)s is deleted"),
    }[record.history_type] % {"title": title, "date": date}


def _change_text(record, title) -> str:
    params = {
        "title": title,
        "month": month_name(record.month) if record.month else "",
        "to": month_name(record.to_month) if record.to_month else "",
    }
    if record.history_type == "-":
        return _("«%(title)s»: a cancellation or move is undone") % params
    if record.kind == ActivityChange.Kind.MOVED:
        return _("«%(title)s»: %(month)s is moved to %(to)s") % params
    if record.month is None:
        return _("«%(title)s» is cancelled") % params
    return _("«%(title)s»: %(month)s is cancelled") % params


def _named(record) -> str:
    if isinstance(record, Achievement.history.model):
        return f"{record.title}: {record.name}"
    return record.name


def _child_events(records, model, kind, fields, occurrences, titles, texts):
    for prev, record in _pairs(records):
        occurrence = occurrences.get(record.occurrence_id)
        title = titles.get(occurrence.activity_id, "") if occurrence else ""
        changes = [] if record.history_type == "-" else _diff(model, prev, record, fields)
        if record.history_type == "~" and not changes:
            continue
        text = texts[record.history_type] % {"title": title, "name": _named(record)}
        yield _event(record, kind, title, text, changes)


def _occurrence_events(records, titles):
    for prev, record in _pairs(records):
        changes = (
            [] if record.history_type == "-" else _diff(Occurrence, prev, record, PEOPLE_FIELDS)
        )
        if record.history_type == "~" and not changes:
            continue
        title = titles.get(record.activity_id, "")
        yield _event(record, "occurrence", title, _occurrence_text(record, title), changes)


def _titles(activity_ids) -> dict:
    """Each activity's last recorded title."""
    return dict(
        Activity.history.filter(id__in=activity_ids)
        .order_by("history_date", "history_id")
        .values_list("id", "title")
    )


def execution_events(plan):
    """The plan's occurrences, achievements, files, cancellations and moves, as history events.
    The plan's activities are a subquery, not a list: a 2,000-row plan has some 6,000."""
    rows = PlanRow.history.filter(plan_id=plan.pk).values("id")
    activities = Activity.history.filter(row_id__in=rows).values("id")
    occurrence_records = _history(Occurrence, activity_id__in=activities)
    occurrences = {r.id: r for r in occurrence_records}
    change_records = _history(ActivityChange, activity_id__in=activities)
    titles = _titles({r.activity_id for r in (*occurrence_records, *change_records)})
    events = list(_occurrence_events(occurrence_records, titles))
    for record in change_records:
        title = titles.get(record.activity_id, "")
        events.append(
            _event(record, "change", title, _change_text(record, title), reason=record.reason)
        )
    # A subquery, not the list of (maybe thousands of) occurrences; none asks no more.
    held = Occurrence.history.filter(activity_id__in=activities).values("id") if occurrences else []
    events += _child_events(
        _history(Achievement, occurrence_id__in=held),
        Achievement,
        "achievement",
        ("title", "level", "name"),
        occurrences,
        titles,
        {
            "+": _("«%(title)s»: an achievement is added"),
            "~": _("«%(title)s»: an achievement is changed"),
            "-": _("«%(title)s»: the achievement «%(name)s» is removed"),
        },
    )
    events += _child_events(
        _history(OccurrenceFile, occurrence_id__in=held),
        OccurrenceFile,
        "file",
        (),
        occurrences,
        titles,
        {
            "+": _("«%(title)s»: the file «%(name)s» is added"),
            "~": _("«%(title)s»: the file «%(name)s» is changed"),
            "-": _("«%(title)s»: the file «%(name)s» is removed"),
        },
    )
    return events
