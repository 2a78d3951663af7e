"""The rules of recording what happened to a plan's activities, and the writes that keep them.

Views and forms call these; nothing else decides what may be recorded. Every write goes into the
history (django-simple-history) with the user who made it. None of these writes touches the
plan's content (rows and activities), so they work on approved plans too (plans.locking).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from execution.models import ActivityChange, Occurrence, OccurrenceFile
from execution.schedules import is_cancelled, schedule_of, working_of
from plans.models import Activity, academic_year_label
from plans.periods import expectations, month_name
from plans.periods.expectations import CANCELLED, HELD

from . import files


def _as_user(obj, user, reason: str = ""):
    obj._history_user = user
    if reason:
        obj._change_reason = reason[:100]
    return obj


# --------------------------------------------------------------------------- the rules


def check_occurrence(activity: Activity, day: datetime.date | None, today=None) -> None:
    """Refuse an occurrence on a cancelled activity, outside the plan's year or in the future."""
    if is_cancelled(activity):
        raise ValidationError(
            _(
                "The activity «%(title)s» is cancelled: nothing more is recorded on it. "
                "Undo the cancellation first."
            )
            % {"title": activity.title}
        )
    if day is None:
        return
    year = activity.row.plan.year
    start, end = expectations.year_bounds(year)
    if not start <= day <= end:
        raise ValidationError(
            {
                "date": _(
                    "The date must fall within the plan's academic year %(year)s "
                    "(%(start)s – %(end)s)."
                )
                % {
                    "year": academic_year_label(year),
                    "start": date_format(start, "j E Y"),
                    "end": date_format(end, "j E Y"),
                }
            }
        )
    if day > (today or timezone.localdate()):
        raise ValidationError(
            {
                "date": _(
                    "An activity cannot be marked held on a future date: the date is after today."
                )
            }
        )


def open_slots(activity: Activity, today=None) -> list[expectations.SlotState]:
    """The slots that may still be cancelled or moved: not changed and not held."""
    return [s for s in schedule_of(activity, today).slots if s.change is None and s.status != HELD]


def _whole_change(activity: Activity) -> ActivityChange | None:
    return next((c for c in activity.changes.all() if c.month is None), None)


def check_cancel(activity: Activity, month: int | None, today=None) -> None:
    if _whole_change(activity) is not None:
        raise ValidationError(_("The whole activity is already cancelled."))
    if month is not None and month not in {s.slot.key for s in open_slots(activity, today)}:
        raise ValidationError(
            {
                "month": _(
                    "This planned month is already held, cancelled or moved, or the plan does not "
                    "name it."
                )
            }
        )


def check_move(activity: Activity, month: int, to_month: int, today=None) -> None:
    check_cancel(activity, month, today)
    if to_month not in working_of(activity):
        raise ValidationError({"to_month": _("Choose a working month of the year.")})
    states = schedule_of(activity, today).slots
    slot = next(s for s in states if s.slot.key == month)
    if to_month in slot.slot.months:
        raise ValidationError(
            {
                "to_month": _(
                    "The activity is already planned for %(month)s: choose another month."
                )
                % {"month": month_name(to_month)}
            }
        )
    for other in states:
        if other is not slot and other.status != CANCELLED and to_month in other.slot.months:
            raise ValidationError(
                {
                    "to_month": _(
                        "%(month)s already holds another planned occurrence of this activity: "
                        "choose another month."
                    )
                    % {"month": month_name(to_month, capital=True)}
                }
            )


# --------------------------------------------------------------------------- the writes


@transaction.atomic
def record_occurrence(
    activity: Activity, *, user, date, children=0, adults=0, result="", links=""
) -> Occurrence:
    """A new occurrence of `activity` (checked again here, whatever the form said)."""
    check_occurrence(activity, date)
    occurrence = Occurrence(
        activity=activity,
        date=date,
        children=children,
        adults=adults,
        result=result,
        links=links,
        recorded_by=user,
    )
    occurrence.full_clean()
    _as_user(occurrence, user).save()
    return occurrence


@transaction.atomic
def save_occurrence(
    activity: Activity,
    occurrence: Occurrence | None,
    *,
    user,
    data: dict,
    achievements=None,
    new_files=(),
    removed_files=(),
) -> Occurrence:
    """Create or change an occurrence with its achievements (a formset) and files."""
    if occurrence is None:
        occurrence = record_occurrence(
            activity,
            user=user,
            **{k: data[k] for k in ("date", "children", "adults", "result", "links")},
        )
    else:
        check_occurrence(activity, data["date"])
        for name in ("date", "children", "adults", "result", "links"):
            setattr(occurrence, name, data[name])
        occurrence.full_clean()
        _as_user(occurrence, user).save()
    if achievements is not None:
        save_achievements(occurrence, achievements, user)
    for found in removed_files:
        delete_file(found, user=user)
    new_files = list(new_files)
    # Counted before anything is stored: a refusal after would roll back the rows and leave
    # their files behind. (The form counts too; this holds against a save made meanwhile.)
    if occurrence.files.count() + len(new_files) > files.MAX_FILES:
        raise ValidationError({"files": files.too_many_message()})
    files.attach_all(occurrence, new_files, user)
    return occurrence


def save_achievements(occurrence: Occurrence, formset, user) -> None:
    formset.instance = occurrence
    for achievement in formset.save(commit=False):
        achievement.occurrence = occurrence
        _as_user(achievement, user).save()
    for achievement in formset.deleted_objects:
        _as_user(achievement, user).delete()


@transaction.atomic
def delete_occurrence(occurrence: Occurrence, *, user) -> None:
    """Delete an occurrence with its achievements and files (their records stay in history)."""
    for achievement in occurrence.achievements.all():
        _as_user(achievement, user).delete()
    for found in occurrence.files.all():
        delete_file(found, user=user)
    _as_user(occurrence, user).delete()


def _new_change(activity, user, **fields) -> ActivityChange:
    change = ActivityChange(activity=activity, by=user, **fields)
    try:
        with transaction.atomic():
            _as_user(change, user).save()
    except IntegrityError:
        raise ValidationError(
            _("This month or the activity was changed meanwhile: reload the page.")
        ) from None
    return change


@transaction.atomic
def cancel(activity: Activity, *, user, month: int | None, reason: str) -> ActivityChange:
    """Cancel the whole activity (`month` None) or one planned slot (its key month)."""
    Activity.objects.select_for_update().filter(pk=activity.pk).first()
    check_cancel(activity, month)
    return _new_change(
        activity, user, month=month, kind=ActivityChange.Kind.CANCELLED, reason=reason
    )


@transaction.atomic
def move(activity: Activity, *, user, month: int, to_month: int, reason: str) -> ActivityChange:
    """Move a planned slot (its key month) to `to_month`."""
    Activity.objects.select_for_update().filter(pk=activity.pk).first()
    check_move(activity, month, to_month)
    return _new_change(
        activity,
        user,
        month=month,
        kind=ActivityChange.Kind.MOVED,
        to_month=to_month,
        reason=reason,
    )


@transaction.atomic
def undo(change: ActivityChange, *, user) -> None:
    """Undo a cancellation or a move: the plan expects the slot as it planned it again."""
    _as_user(change, user).delete()


def delete_file(found: OccurrenceFile, *, user) -> None:
    files.forget(found)
    _as_user(found, user).delete()
