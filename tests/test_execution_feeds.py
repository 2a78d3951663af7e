"""Private calendar feeds (issue 12, item 6): `/calendar/feed/<token>.ics` and
`/calendar/subscribe/`, built and parsed with the icalendar library."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from execution.feeds import service
from execution.models import Achievement, ActivityChange, CalendarToken, Occurrence
from plans.models import current_academic_year
from plans.periods import Frequency
from tests.factories import ActivityFactory, PartnerFactory, PlanFactory, PlanRowFactory
from tests.plan_editing_support import months

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 12, 10)  # academic year 2025/2026, in its fourth month


def absolute(path):
    return f"https://partnership.example{path}"


def events(body: bytes) -> dict[str, list[dict]]:
    """The feed's events by summary, in date order: what a calendar application reads."""
    calendar = Calendar.from_ical(body)
    found = {}
    for event in calendar.walk("VEVENT"):
        found.setdefault(str(event["SUMMARY"]), []).append({
            "uid": str(event["UID"]),
            "start": event.decoded("DTSTART"),
            "end": event.decoded("DTEND"),
            "status": str(event["STATUS"]),
            "description": str(event["DESCRIPTION"]),
        })
    for same in found.values():
        same.sort(key=lambda e: e["start"])
    return found


def uids(body: bytes) -> list[str]:
    return [str(e["UID"]) for e in Calendar.from_ical(body).walk("VEVENT")]


def feed_of(user, today=TODAY):
    return events(service.build_feed(user, absolute, today=today))


def activity(plan, title, **fields):
    row = PlanRowFactory(plan=plan, partner=PartnerFactory(name=f"Партнёр «{title}»"))
    return ActivityFactory(row=row, title=title, **fields)


def held(activity, day, **fields):
    return Occurrence.objects.create(activity=activity, date=day, **fields)


@pytest.fixture
def autumn(plan):
    """The owner's plan for 2025/2026: an October event held with a prize, an overdue November
    one, a quarterly activity held once, a cancelled month and a moved one."""
    october = activity(plan, "Экскурсия в музей", months=months(10))
    occurrence = held(october, datetime.date(2025, 10, 14), children=12, adults=2,
                      result="Дети нарисовали рисунки.")
    Achievement.objects.create(occurrence=occurrence, title="Диплом I степени",
                               level=Achievement.Level.MUNICIPAL, name="Соколова Мария")
    activity(plan, "Мастер-класс «Ёлочка»", months=months(11))
    quarterly = activity(plan, "Консультации", months=0, frequency=Frequency.QUARTERLY)
    held(quarterly, datetime.date(2025, 9, 22), adults=3)
    cancelled = activity(plan, "Игра «Победа»", months=months(5))
    ActivityChange.objects.create(activity=cancelled, month=5, kind="cancelled",
                                  reason="Зал на ремонте.")
    moved = activity(plan, "Акция «Кормушка»", months=months(1))
    ActivityChange.objects.create(activity=moved, month=1, kind="moved", to_month=2,
                                  reason="Карантин.")
    return plan


def test_it_puts_a_held_occurrence_on_its_date_with_partner_result_people_and_prizes(
    autumn, owner
):
    (event,) = feed_of(owner)["Экскурсия в музей"]
    assert event["start"] == datetime.date(2025, 10, 14)
    assert event["end"] == datetime.date(2025, 10, 15), "an all-day event"
    assert event["status"] == "CONFIRMED"
    for text in ["Партнёр «Экскурсия в музей»", "Творческое объединение «Тест»",
                 "Дети нарисовали рисунки.", "детей — 12, взрослых — 2",
                 "Диплом I степени", "Соколова Мария"]:
        assert text in event["description"]


def test_it_puts_what_is_still_expected_on_the_first_working_day_marked_as_planned(
    autumn, owner
):
    found = feed_of(owner)
    (november,) = found["[План] Мастер-класс «Ёлочка»"]
    assert november["start"] == datetime.date(2025, 11, 3), "1 November 2025 is a Saturday"
    assert november["status"] == "TENTATIVE"
    assert "Просрочено" in november["description"]
    # The quarterly activity: held in September; the next quarters expected from their start.
    assert [e["start"] for e in found["Консультации"]] == [datetime.date(2025, 9, 22)]
    winter, spring = found["[План] Консультации"]
    assert winter["start"] == datetime.date(2025, 12, 1)
    assert spring["start"] == datetime.date(2026, 3, 2)
    assert "Просрочено" not in winter["description"]


def test_it_marks_a_cancelled_month_cancelled_and_a_moved_one_in_its_new_month(autumn, owner):
    found = feed_of(owner)
    (cancelled,) = found["[Отменено] Игра «Победа»"]
    assert cancelled["status"] == "CANCELLED"
    assert "Зал на ремонте." in cancelled["description"]
    assert "[План] Игра «Победа»" not in found
    (moved,) = found["[План] Акция «Кормушка»"]
    assert moved["start"] == datetime.date(2026, 2, 2)
    assert "январь" in moved["description"] and "Карантин." in moved["description"]


def test_it_keeps_every_uid_unique_and_the_same_from_one_fetch_to_the_next(autumn, owner):
    before = uids(service.build_feed(owner, absolute, today=TODAY))
    assert len(before) == len(set(before))
    assert uids(service.build_feed(owner, absolute, today=TODAY)) == before
    (slot,) = feed_of(owner)["[План] Мастер-класс «Ёлочка»"]
    november = autumn.rows.get(partner__name="Партнёр «Мастер-класс «Ёлочка»»").activities.get()
    occurrence = held(november, datetime.date(2025, 11, 20))
    after = uids(service.build_feed(owner, absolute, today=TODAY))
    assert set(before) - set(after) == {slot["uid"]}, "the slot now held gives way"
    assert set(after) - set(before) == {f"occurrence-{occurrence.pk}@{service.UID_DOMAIN}"}


def test_it_shows_last_years_held_occurrences_but_not_its_open_slots(unit, owner):
    last = PlanFactory(unit=unit, year=2024)
    done = activity(last, "Прошлогодний концерт", months=months(3))
    held(done, datetime.date(2025, 3, 12))
    activity(last, "Прошлогодняя экскурсия", months=months(4))
    older = activity(PlanFactory(unit=unit, year=2023), "Давний праздник", months=months(3))
    held(older, datetime.date(2024, 3, 12))
    found = feed_of(owner)
    assert [e["start"] for e in found["Прошлогодний концерт"]] == [datetime.date(2025, 3, 12)]
    assert not any("Прошлогодняя экскурсия" in s or "Давний праздник" in s for s in found)


def test_it_gives_a_teacher_their_units_and_methodists_and_administrators_everything(
    autumn, owner, other_teacher, methodist, administrator
):
    other = PlanFactory(unit=other_teacher.units.get(), year=2025)
    activity(other, "Спектакль «Репка»", months=months(10))
    assert "[План] Спектакль «Репка»" not in feed_of(owner)
    assert "Экскурсия в музей" not in feed_of(other_teacher)
    assert "[План] Спектакль «Репка»" in feed_of(other_teacher)
    for user in [methodist, administrator]:
        found = feed_of(user)
        assert {"Экскурсия в музей", "[План] Спектакль «Репка»"} <= set(found)


def test_it_gives_a_user_without_units_an_empty_calendar(autumn, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="x")
    assert feed_of(nobody) == {}


# --- the views -------------------------------------------------------------------------------


def feed_url(user):
    return reverse("feeds:feed", args=[service.token_of(user).token])


@pytest.fixture
def this_year(unit):
    """A plan of the current academic year with one occurrence held on its first day."""
    plan = PlanFactory(unit=unit, year=current_academic_year())
    first = datetime.date(plan.year, 9, 1)
    held(activity(plan, "Посвящение в кружковцы", months=months(9)), first, children=20)
    return plan


def test_it_serves_the_feed_without_login_as_private_uncached_utf8_icalendar(
    client, this_year, owner
):
    response = client.get(feed_url(owner), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Соцпартнёрство: мои объединения", "Russian"
    assert b"X-PUBLISHED-TTL:PT6H" in response.content
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H" in response.content
    (held_event,) = events(response.content)["Посвящение в кружковцы"]
    assert "детей — 20" in held_event["description"]
    event = next(iter(Calendar.from_ical(response.content).walk("VEVENT")))
    assert str(event["URL"]).startswith("http://testserver/plans/")
    assert client.head(feed_url(owner)).status_code == 200, "calendar apps may check first"
    assert client.post(feed_url(owner)).status_code == 405


def test_it_refuses_a_wrong_token_with_a_plain_404(client, this_year, owner):
    service.token_of(owner)
    for token in ["wrong", "x" * 43, service.token_of(owner).token[:-1]]:
        response = client.get(reverse("feeds:feed", args=[token]))
        assert response.status_code == 404
        assert b"BEGIN:VCALENDAR" not in response.content
    assert client.get(f"/calendar/feed/{service.token_of(owner).token}.txt").status_code == 404


def test_it_refuses_the_token_of_a_deactivated_user(client, this_year, owner):
    url = feed_url(owner)
    owner.is_active = False
    owner.save()
    assert client.get(url).status_code == 404


def test_it_shows_the_full_address_and_a_webcal_link_on_the_subscribe_page(client, owner):
    client.force_login(owner)
    response = client.get(reverse("feeds:subscribe"))
    page = response.content.decode()
    token = CalendarToken.objects.get(user=owner).token
    assert f"http://testserver/calendar/feed/{token}.ics" in page
    assert f"webcal://testserver/calendar/feed/{token}.ics" in page
    for text in ["Яндекс Календарь", "Google Календарь", "Apple", "Outlook", "Сбросить адрес"]:
        assert text in page
    assert "no-store" in response["Cache-Control"]


def test_it_stops_the_old_address_after_a_reset(client, this_year, owner):
    old = feed_url(owner)
    assert client.get(old).status_code == 200
    client.force_login(owner)
    response = client.post(reverse("feeds:subscribe"))
    assert response.status_code == 302
    client.logout()
    assert client.get(old).status_code == 404
    new = feed_url(owner)
    assert new != old
    assert client.get(new).status_code == 200


def test_it_sends_anonymous_visitors_of_the_subscribe_page_to_the_login(client):
    response = client.get(reverse("feeds:subscribe"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not CalendarToken.objects.exists()


@pytest.mark.parametrize("occurrences", [1, 30])
def test_it_costs_the_same_queries_whatever_the_number_of_occurrences(
    client, this_year, owner, methodist, occurrences, django_assert_max_num_queries
):
    activities = [activity(this_year, f"Консультация №{n}", months=months(9)) for n in range(5)]
    for n in range(occurrences):
        occurrence = held(activities[n % 5], datetime.date(this_year.year, 9, 1 + n % 20))
        Achievement.objects.create(occurrence=occurrence, title="Грамота", name="Группа",
                                   level=Achievement.Level.INSTITUTION)
    for user in [owner, methodist]:
        url = feed_url(user)
        with django_assert_max_num_queries(9):
            assert client.get(url).status_code == 200
