"""Each user's private calendar feed (issue 12, item 6): their units' activities as iCalendar.

What the feed holds:

* every occurrence held, last academic year and this one, as an all-day event on its date;
* this year's expected occurrences not held yet (due, upcoming and overdue), as all-day events
  on the first working day of their slot's first month, «[План]» and STATUS:TENTATIVE;
* this year's cancelled slots, «[Отменено]» and STATUS:CANCELLED with the reason, so that a
  calendar that showed the plan marks them instead of keeping them as planned.

Last year's slots that were never held are left out: that year is closed, and its report says
what was missed. Methodists and administrators get the whole institution
(``policy.may_see_whole_institution``), others their units (``policy.scope``).

UIDs are stable (an occurrence's or a slot's database identity, never a position), so a calendar
application updates its events on each refresh instead of duplicating them. The feed costs a
fixed number of queries whatever the number of occurrences (``execution.schedules``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import pgettext
from icalendar import Calendar, Event, vDuration

from execution.models import CalendarToken
from execution.schedules import schedule_of, with_execution
from partners import policy
from plans.models import Activity, current_academic_year
from plans.periods import expectations
from plans.periods.months import month_name

UID_DOMAIN = "partnership.feed"
REFRESH = datetime.timedelta(hours=6)
PLANNED_STATUSES = (expectations.DUE, expectations.UPCOMING, expectations.OVERDUE)

Absolute = Callable[[str], str]


def token_of(user) -> CalendarToken:
    """The user's feed token, made on first use."""
    token, _created = CalendarToken.objects.get_or_create(user=user)
    return token


def user_of(token: str):
    """The active user whose feed `token` opens, else 404 (nothing says why)."""
    found = (
        CalendarToken.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
    if found is None:
        raise Http404
    return found.user


def feed_years(today: datetime.date) -> tuple[int, int]:
    """(last academic year, this one): the years a feed covers."""
    year = current_academic_year(today)
    return year - 1, year


def activities_for(user, today: datetime.date):
    """The activities of the user's feed, with their execution, in plan order."""
    activities = Activity.objects.filter(row__plan__year__in=feed_years(today))
    if not policy.may_see_whole_institution(user):
        activities = policy.scope(activities, user, "row__plan__unit")
    return with_execution(activities).order_by(
        "row__plan__year", "row__plan__unit__order", "row__plan__unit__name", "row__order", "order"
    )


def build_feed(user, absolute: Absolute, today: datetime.date | None = None) -> bytes:
    """The iCalendar text of the user's feed; `absolute` makes a path a full URL."""
    today = today or timezone.localdate()
    stamp = timezone.now()
    whole = policy.may_see_whole_institution(user)
    with translation.override(settings.LANGUAGE_CODE):
        calendar = new_calendar(whole)
        for activity in activities_for(user, today):
            for event in events_of(activity, today, absolute):
                event.add("dtstamp", stamp)
                calendar.add_component(event)
        return calendar.to_ical()


def new_calendar(whole: bool) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Partnership//Calendar feed//RU")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = (
        pgettext("calendar feed", "Partnership: the whole institution")
        if whole
        else pgettext("calendar feed", "Partnership: my units")
    )
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    return calendar


def events_of(activity: Activity, today: datetime.date, absolute: Absolute) -> list[Event]:
    url = absolute(activity.row.get_absolute_url())
    events = [held_event(activity, occurrence, url) for occurrence in activity.occurrences.all()]
    if activity.row.plan.year == current_academic_year(today):
        for state in schedule_of(activity, today).slots:
            if state.status != expectations.HELD:
                events.append(slot_event(activity, state, url))
    return events


def all_day(uid: str, day: datetime.date, summary: str, description: str, url: str) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    return event


def held_event(activity: Activity, occurrence, url: str) -> Event:
    lines = context_lines(activity)
    if occurrence.result:
        lines.append(
            pgettext("calendar feed", "Result: %(result)s") % {"result": occurrence.result}
        )
    lines.append(
        pgettext("calendar feed", "Took part: %(children)s children, %(adults)s adults")
        % {"children": occurrence.children, "adults": occurrence.adults}
    )
    for achievement in occurrence.achievements.all():
        lines.append(
            pgettext("calendar feed", "Achievement: %(achievement)s") % {"achievement": achievement}
        )
    lines.extend(occurrence.link_list)
    event = all_day(
        f"occurrence-{occurrence.pk}", occurrence.date, activity.title, "\n".join(lines), url
    )
    event.add("status", "CONFIRMED")
    event.add("categories", [pgettext("calendar feed", "Held")])
    return event


def slot_event(activity: Activity, state: expectations.SlotState, url: str) -> Event:
    """An expected occurrence not held yet, or a cancelled one."""
    year = activity.row.plan.year
    planned = state.planned_months or state.slot.months
    lines = context_lines(activity)
    lines.append(
        pgettext("calendar feed", "Months: %(months)s")
        % {"months": ", ".join(month_name(m) for m in state.slot.months)}
    )
    lines.extend(change_lines(state, planned))
    cancelled = state.status == expectations.CANCELLED
    if cancelled:
        prefix, status = pgettext("calendar feed", "[Cancelled]"), "CANCELLED"
    else:
        prefix, status = pgettext("calendar feed", "[Planned]"), "TENTATIVE"
    event = all_day(
        f"slot-{activity.pk}-{planned[0]}",
        expectations.first_working_day(year, state.slot.key),
        f"{prefix} {activity.title}",
        "\n".join(lines),
        url,
    )
    event.add("status", status)
    event.add("categories", [prefix.strip("[]")])
    return event


def context_lines(activity: Activity) -> list[str]:
    row = activity.row
    return [
        pgettext("calendar feed", "Partner: %(partner)s") % {"partner": row.partner.name},
        pgettext("calendar feed", "Unit: %(unit)s") % {"unit": row.plan.unit.name},
        pgettext("calendar feed", "Period in the plan: %(period)s")
        % {"period": activity.period_text or "—"},
    ]


def change_lines(state: expectations.SlotState, planned: tuple[int, ...]) -> list[str]:
    lines = []
    if state.status == expectations.OVERDUE:
        lines.append(
            pgettext("calendar feed", "Overdue: the month has passed and it is not marked as held.")
        )
    change = state.change
    if change is None:
        return lines
    if state.status == expectations.CANCELLED:
        lines.append(pgettext("calendar feed", "Cancelled: %(reason)s") % {"reason": change.reason})
    elif change.moved_to:
        lines.append(
            pgettext("calendar feed", "Moved from %(month)s: %(reason)s")
            % {"month": month_name(planned[0]), "reason": change.reason}
        )
    return lines
