"""The plan editor (issue #3): activities and their periods, and the helpers of the forms (partner
search, period preview, garbage input)."""

import pytest

from plans.models import Activity
from tests.factories import (
    ActivityFactory,
    InteractionFormFactory,
    PartnerFactory,
)
from tests.plan_editing_support import HTMX, body, months, url

# --------------------------------------------------------------------------- activities


def test_it_adds_an_activity_with_months_and_a_frequency(client, owner, plan, row):
    form = InteractionFormFactory(name="Мастер-классы")
    client.force_login(owner)
    response = client.post(
        url("activity_add", plan.pk, row.pk),
        {"title": " Мастер-класс «Цветы» ", "form": form.pk, "months": ["11", "4"],
         "frequency": "twice_year", "period_note": "", "responsible": "Петрова", "note": ""},
    )
    assert response["Location"] == f"{plan.get_absolute_url()}?mode=edit#row-{row.pk}"
    activity = row.activities.get()
    assert activity.title == "Мастер-класс «Цветы»" and activity.form == form
    assert activity.period_text == "2 раза в год: ноябрь, апрель"


def test_it_adds_another_activity_straight_away(client, owner, plan, row):
    client.force_login(owner)
    response = client.post(
        url("activity_add", plan.pk, row.pk), {"title": "А", "months": ["9"], "another": "1"}
    )
    assert response["Location"] == url("activity_add", plan.pk, row.pk)
    response = client.post(
        url("activity_add", plan.pk, row.pk),
        {"title": "Б", "frequency": "as_needed", "another": "1"}, **HTMX,
    )
    page = body(response)
    assert "Б" in page and 'class="editor-row' in page and "Новое мероприятие" in page
    assert [a.title for a in row.activities.all()] == ["А", "Б"]


LONG = "ж" * 3000


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title": "", "months": ["9"]}, "Введите мероприятие: что будет сделано."),
        ({"title": "   ", "months": ["9"]}, "Введите мероприятие: что будет сделано."),
        ({"title": LONG[:501], "months": ["9"]}, "не больше 500 символов"),
        ({"title": "А"}, "Укажите период: отметьте месяцы или выберите"),
        ({"title": "А", "period_note": "по согласованию"}, "Укажите период"),
        ({"title": "А", "months": ["13"]}, "Выберите месяцы учебного года."),
        ({"title": "А", "months": ["сентябрь"]}, "Выберите месяцы учебного года."),
        ({"title": "А", "frequency": "weekly"}, "Выберите периодичность из списка."),
        ({"title": "А", "months": ["9"], "period_note": LONG[:201]}, "не больше 200 символов"),
        ({"title": "А", "months": ["9"], "responsible": LONG[:201]}, "не больше 200 символов"),
        ({"title": "А", "months": ["9"], "note": LONG[:2001]}, "не больше 2000 символов"),
        ({"title": "А", "months": ["9"], "form": "999999"}, "Выберите форму взаимодействия"),
    ],
)
def test_it_refuses_a_bad_activity_and_saves_nothing(client, owner, plan, row, data, message):
    client.force_login(owner)
    for extra in ({}, HTMX):
        response = client.post(url("activity_add", plan.pk, row.pk), data, **extra)
        assert response.status_code == 200
        assert message in body(response)
    assert not Activity.objects.exists()


def test_it_refuses_a_bad_edit_and_keeps_the_activity(client, owner, plan, row, activity):
    client.force_login(owner)
    response = client.post(
        url("activity_edit", plan.pk, row.pk, activity.pk),
        {"title": "", "version": activity.version},
        **HTMX,
    )
    assert "Введите мероприятие" in body(response) and "Укажите период" in body(response)
    assert "row1-" not in body(response)
    activity.refresh_from_db()
    assert activity.title == "Экскурсии" and activity.version == 1


def test_it_edits_an_activity_period_in_place(client, owner, plan, row, activity):
    client.force_login(owner)
    page = body(client.get(url("activity_edit", plan.pk, row.pk, activity.pk), **HTMX))
    editor = page[page.index('class="editor-row'):]
    # The twelve month toggles, September first, October ticked, labelled in Russian.
    assert editor.index(">Сентябрь<") < editor.index(">Октябрь<") < editor.index(">Август<")
    assert f'value="10" id="activity{activity.pk}-months_1" autocomplete="off" checked' in editor
    assert "В плане будет:" in editor and "<strong>Октябрь</strong>" in editor
    response = client.post(
        url("activity_edit", plan.pk, row.pk, activity.pk),
        {"title": "Экскурсии", "months": ["12", "1"], "version": activity.version},
        **HTMX,
    )
    assert "Декабрь–январь" in body(response)
    activity.refresh_from_db()
    assert activity.period_text == "Декабрь–январь" and activity.version == 2


def test_it_deletes_an_activity_with_an_undo_in_the_row(client, owner, plan, row, activity):
    client.force_login(owner)
    response = client.post(url("activity_delete", plan.pk, row.pk, activity.pk), **HTMX)
    page = body(response)
    assert page.lstrip().startswith(f'<tbody id="row-{row.pk}"')
    assert "Мероприятие «Экскурсии» удалено." in page and 'id="undo-delete"' in page
    assert not Activity.objects.exists()
    response = client.post(url("activity_delete", plan.pk, row.pk, 999999))
    assert response.status_code == 404


def test_it_moves_activities_within_the_row(client, owner, plan, row, activity):
    second = ActivityFactory(row=row, title="Акции", months=months(3), order=2)
    client.force_login(owner)
    client.post(url("activity_move", plan.pk, row.pk, second.pk), {"direction": "up"})
    assert [a.title for a in row.activities.all()] == ["Акции", "Экскурсии"]
    response = client.post(
        url("activity_move", plan.pk, row.pk, second.pk), {"direction": "up"}, follow=True
    )
    assert "«Акции» уже с краю." in body(response)
    response = client.post(
        url("activity_move", plan.pk, row.pk, second.pk), {"direction": "down"}, **HTMX
    )
    assert body(response).index("Экскурсии") < body(response).index("Акции")


# --------------------------------------------------------------------------- helpers for forms


def test_it_finds_partners_case_insensitively_in_cyrillic(client, owner, plan, row, school1):
    PartnerFactory(name="Детский сад «Тополёк»")
    client.force_login(owner)
    found = body(client.get(url("partner_search", plan.pk), {"q": "СОШ"}))
    assert "МБОУ СОШ № 1" in found and "Тополёк" not in found
    # A partner already in the plan is listed but cannot be chosen.
    assert f'value="{row.partner_id}" disabled' in found and "уже в плане" in found
    assert "Тополёк" in body(client.get(url("partner_search", plan.pk), {"q": "тополек"}))
    assert "сош № 1" not in body(client.get(url("partner_search", plan.pk), {"q": "гимназия"}))
    single = body(client.get(url("partner_search", plan.pk), {"q": "сош 1"}))
    assert f'value="{school1.pk}" selected' in single


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"months": ["5", "6"]}, "Май–июнь"),
        ({"months": ["12", "1"]}, "Декабрь–январь"),
        ({"frequency": "quarterly"}, "Один раз в квартал"),
        ({"months": ["10"], "period_note": "по согласованию"}, "Октябрь (по согласованию)"),
        ({}, "Укажите период"),
        ({"months": ["99"]}, "Выберите месяцы учебного года"),
        ({"frequency": "<script>"}, "Выберите периодичность"),
    ],
)
def test_it_previews_the_printed_period(client, owner, query, expected):
    client.force_login(owner)
    response = client.get(url("period_preview"), query)
    assert response.status_code == 200
    assert expected in body(response)


GARBAGE = [
    {"version": "abc", "partner": "x", "months": ["a"], "direction": "sideways"},
    {"version": "-1", "title": "\x00", "frequency": "1" * 50, "form": "-5"},
    {"version": "99999999999999999999", "directions": ["1; DROP TABLE"]},
]


@pytest.mark.parametrize("data", GARBAGE)
def test_it_never_fails_with_a_server_error(client, owner, plan, row, activity, data):
    client.force_login(owner)
    a = [plan.pk, row.pk, activity.pk]
    targets = [
        url("create"), url("copy", plan.pk), url("row_add", plan.pk),
        url("row_edit", plan.pk, row.pk), url("row_move", plan.pk, row.pk),
        url("activity_add", plan.pk, row.pk), url("activity_edit", *a),
        url("activity_move", *a), url("restore", plan.pk, "nothing", 1),
    ]
    for target in targets:
        for extra in ({}, HTMX):
            assert client.post(target, data, **extra).status_code < 500, target
    for target in [url("partner_search", plan.pk), url("period_preview"),
                   url("history", plan.pk), url("row", plan.pk, row.pk)]:
        assert client.get(target, data).status_code < 500, target
