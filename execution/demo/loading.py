"""Loading what was held of the «Рукодельница» plans (execution.demo.data), idempotently.

Last year's approved plan is held in full but for two cancelled activities and a moved month;
this year's is held from September to November, before today, but for a few slots left overdue.
Dates, participant counts and results are drawn from a random generator seeded by the plan's
year and the activity's place, so the same year always gives the same demo.

Like the plans' demo (plans.demo.loading) it writes no history: loading the demo is not
something a user did.
"""

from __future__ import annotations

import datetime
import io
import random

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from execution.models import Achievement, ActivityChange, Conclusion, Occurrence, OccurrenceFile
from execution.schedules import working_of
from plans.models import Activity, Plan, current_academic_year
from plans.periods import expectations

from . import data

Key = tuple[str, str]


def quietly(instance):
    """Save `instance` without a history record."""
    instance.skip_history_when_saving = True
    instance.save()
    return instance


def at(day: datetime.date, hour: int = 17) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def load(today: datetime.date | None = None) -> None:
    """The execution of last year's and this year's «Рукодельница» plans, as on `today`."""
    today = today or timezone.localdate()
    year = current_academic_year(today)
    teacher = get_user_model().objects.filter(username=data.TEACHER).first()
    plans = Plan.objects.filter(unit__name=data.RUKODELNITSA, year__in=[year - 1, year])
    for plan in plans:
        which = "last" if plan.year < year else "current"
        if not is_executed(plan):
            load_plan(plan, which, today, teacher)
        if which == "last" and not Conclusion.objects.filter(plan=plan).exists():
            quietly(Conclusion(plan=plan, updated_by=teacher, **data.CONCLUSIONS))


def is_executed(plan: Plan) -> bool:
    activities = Activity.objects.filter(row__plan=plan)
    return (
        Occurrence.objects.filter(activity__in=activities).exists()
        or ActivityChange.objects.filter(activity__in=activities).exists()
    )


def activities_of(plan: Plan) -> dict[Key, Activity]:
    activities = Activity.objects.filter(row__plan=plan).select_related(
        "row__partner", "row__plan__unit__institution", "form"
    )
    return {(a.row.partner.name, a.title): a for a in activities}


def load_plan(plan: Plan, which: str, today: datetime.date, teacher) -> None:
    activities = activities_of(plan)
    cancelled, moved = set(), {}
    if which == "last":
        cancelled, moved = record_changes(plan, activities, teacher)
    forgotten = {(key, month) for key, month in data.FORGOTTEN} if which == "current" else set()
    placed: dict[tuple[Key, int], Occurrence] = {}
    extra: list[Occurrence] = []
    for key, activity in activities.items():
        if key in cancelled:
            continue
        for slot in expectations.expected_slots(activity.period, working_of(activity)):
            if (key, slot.key) in forgotten:
                continue
            months = (moved[key, slot.key],) if (key, slot.key) in moved else slot.months
            seed = f"{plan.year}/{activity.row.order}/{activity.order}/{slot.key}"
            occurrence = draw(activity, months, seed, which, today, teacher)
            if occurrence is not None:
                placed[key, slot.key] = occurrence
    for key, months in data.EXTRA:
        for month in months:
            seed = f"{plan.year}/extra/{month}"
            occurrence = draw(activities[key], (month,), seed, which, today, teacher)
            if occurrence is not None:
                extra.append(occurrence)
    Occurrence.objects.bulk_create([*placed.values(), *extra])
    award(placed, which)
    attach_photo(placed, which)


def record_changes(plan, activities, teacher) -> tuple[set[Key], dict[tuple[Key, int], int]]:
    """Last year's cancellations and moves, as the teacher recorded them."""
    for key, month, reason in data.CANCELLED:
        quietly(
            ActivityChange(
                activity=activities[key],
                month=None,
                kind=ActivityChange.Kind.CANCELLED,
                reason=reason,
                by=teacher,
                at=at(expectations.first_working_day(plan.year, month)),
            )
        )
    for key, month, to_month, reason in data.MOVED:
        quietly(
            ActivityChange(
                activity=activities[key],
                month=month,
                kind=ActivityChange.Kind.MOVED,
                to_month=to_month,
                reason=reason,
                by=teacher,
                at=at(expectations.first_working_day(plan.year, month)),
            )
        )
    cancelled = {key for key, _month, _reason in data.CANCELLED}
    moved = {(key, month): to_month for key, month, to_month, _reason in data.MOVED}
    return cancelled, moved


def draw(activity, months, seed, which, today, teacher) -> Occurrence | None:
    """One occurrence of `activity` in one of `months`, or None when that day is not past."""
    rng = random.Random(seed)
    key = (activity.row.partner.name, activity.title)
    preferred = data.PREFERRED_MONTHS.get(key)
    month = preferred if preferred in months else rng.choice(months)
    day = expectations.month_date(activity.row.plan.year, month).replace(day=rng.randint(3, 25))
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    form = activity.form.name if activity.form else ""
    (children_from, children_to), (adults_from, adults_to) = data.PEOPLE.get(form, data.PEOPLE[""])
    children, adults = rng.randint(children_from, children_to), rng.randint(adults_from, adults_to)
    result = rng.choice(data.RESULTS.get(form, data.RESULTS[""]))
    if which == "current" and (month not in data.HELD_MONTHS or day >= today):
        return None
    return Occurrence(
        activity=activity,
        date=day,
        children=children,
        adults=adults,
        result=result,
        recorded_by=teacher,
        created_at=at(day),
    )


def award(placed, which) -> None:
    Achievement.objects.bulk_create(
        Achievement(occurrence=placed[key, month], title=title, level=level, name=name)
        for key, month, year, title, level, name in data.PRIZES
        if year == which and (key, month) in placed
    )


def attach_photo(placed, which) -> None:
    key, month, name = data.PHOTO
    occurrence = placed.get((key, month))
    if which != "last" or occurrence is None:
        return
    png = festival_png()
    photo = OccurrenceFile(
        occurrence=occurrence,
        name=name,
        content_type="image/png",
        size=len(png),
        uploaded_at=occurrence.created_at,
    )
    photo.file = ContentFile(png, name="photo.png")
    quietly(photo)


def festival_png() -> bytes:
    """A small picture standing in for a photo: coloured rows of squares, like a quilt."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 160), (250, 244, 232))
    pen = ImageDraw.Draw(image)
    colours = [(214, 96, 77), (242, 178, 51), (90, 155, 122), (74, 120, 176)]
    for row in range(4):
        for column in range(6):
            x, y = 12 + column * 38, 12 + row * 36
            pen.rectangle((x, y, x + 30, y + 28), fill=colours[(row + column) % 4])
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
