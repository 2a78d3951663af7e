"""The requests the probe of issue 10 answered with a server error, and their neighbours.

Each now gets a 400 or a form error next to the field, and changes nothing. A `next` that is
not a path on this site falls back to the object's page.
"""

import pytest
from django.forms import BaseForm
from django.test import Client
from django.urls import reverse
from django_filters import FilterSet

from partners.inputs import DB_INT_MAX, int_param, parse_id
from tests.factories import DirectionFactory
from tests.test_fuzz import checksum
from tests.test_permissions import CASES
from tests.test_permissions import world as world  # noqa: F401 (the walk's fixture)

BIG = "99999999999999999999"  # above 2^63: SQLite cannot hold it
PLAN = lambda w: [w["plan"].pk]  # noqa: E731
ROW = lambda w: [w["plan"].pk, w["row"].pk]  # noqa: E731
ACTIVITY = lambda w: [w["plan"].pk, w["row"].pk, w["activity"].pk]  # noqa: E731
NONE = lambda w: []  # noqa: E731


def row_data(w, **changes):
    return {"partner": w["partner"].pk, "characteristic": "Цели.", "version": 1} | changes


def agreement_data(w, **changes):
    return {
        "partner": w["partner"].pk, "unit": w["plan"].unit_id, "number": "7",
        "valid_from": "2025-09-01",
    } | changes


def activity_data(**changes):
    return {"title": "Экскурсия", "months": ["10"], "version": 1} | changes


# (role, method, url name, args, data, the field that carries the error)
REQUESTS = [
    # an integer above 2^63 in a filter
    ("owner", "get", "coverage:index", NONE, lambda w: {"unit": BIG}, "unit"),
    ("owner", "get", "coverage:index", NONE, lambda w: {"unit": [BIG, "1"]}, "unit"),
    ("owner", "get", "coverage:index", NONE, lambda w: {"category": BIG}, "category"),
    ("owner", "get", "coverage:index", NONE, lambda w: {"direction": BIG}, "direction"),
    ("owner", "get", "coverage:index", NONE, lambda w: {"unit": "-1"}, "unit"),
    ("owner", "get", "coverage:activities", NONE, lambda w: {"unit": BIG}, "unit"),
    ("owner", "get", "coverage:activities", NONE, lambda w: {"partner": BIG}, "partner"),
    ("owner", "get", "coverage:activities", NONE, lambda w: {"month": BIG}, "month"),
    ("owner", "get", "plans:list", NONE, lambda w: {"unit": BIG}, "unit"),
    ("owner", "get", "plans:list", NONE, lambda w: {"year": BIG}, "year"),
    ("administrator", "get", "partners:list", NONE, lambda w: {"category": BIG}, "category"),
    ("owner", "get", "agreements:list", NONE, lambda w: {"unit": BIG}, "unit"),
    ("owner", "get", "agreements:list", NONE, lambda w: {"partner": BIG}, "partner"),
    # … and in a form's choice or multi-choice field
    ("owner", "post", "plans:row_add", PLAN, lambda w: row_data(w, directions=[BIG]), "directions"),
    ("owner", "post", "plans:row_add", PLAN, lambda w: row_data(w, partner=BIG), "partner"),
    ("owner", "post", "plans:row_add", PLAN,
     lambda w: row_data(w, partner="", new_partner_name="Новый", new_partner_category=BIG),
     "new_partner_category"),
    ("owner", "post", "plans:row_edit", ROW, lambda w: row_data(w, directions=[BIG]), "directions"),
    ("owner", "post", "plans:row_edit", ROW, lambda w: row_data(w, directions=["²"]), "directions"),
    ("owner", "post", "plans:row_edit", ROW, lambda w: row_data(w, version=BIG), "version"),
    ("owner", "post", "plans:activity_add", ROW, lambda w: activity_data(form=BIG), "form"),
    ("owner", "post", "plans:activity_edit", ACTIVITY, lambda w: activity_data(version=BIG),
     "version"),
    ("owner", "post", "plans:activity_edit", ACTIVITY, lambda w: activity_data(months=[BIG]),
     "months"),
    ("owner", "post", "agreements:create", NONE, lambda w: agreement_data(w, plan_rows=[BIG]),
     "plan_rows"),
    ("owner", "post", "agreements:create", NONE, lambda w: agreement_data(w, partner=BIG),
     "partner"),
    ("owner", "post", "agreements:create", NONE, lambda w: agreement_data(w, unit=BIG), "unit"),
    ("owner", "post", "agreements:create", NONE, lambda w: agreement_data(w, teacher=BIG),
     "teacher"),
    ("owner", "post", "agreements:edit", lambda w: [w["agreement"].pk],
     lambda w: agreement_data(w, plan_rows=[BIG]), "plan_rows"),
    ("owner", "post", "partners:partnership_create", lambda w: [w["partner"].pk],
     lambda w: {"unit": BIG}, "unit"),
    ("administrator", "post", "partners:merge", lambda w: [w["partner"].pk],
     lambda w: {"other": BIG}, "other"),
    ("owner", "post", "plans:create", NONE, lambda w: {"unit": BIG, "year": 2026}, "unit"),
    ("owner", "post", "plans:copy", PLAN, lambda w: {"year": BIG}, "year"),
    ("methodist", "post", "comments:add", PLAN, lambda w: {"row": BIG, "text": "Нет."}, "row"),
    # … and in a parameter a view reads itself: 400
    ("owner", "get", "plans:create", NONE, lambda w: {"unit": BIG}, None),
    ("owner", "get", "plans:partner_search", PLAN, lambda w: {"row": BIG}, None),
    ("owner", "get", "agreements:create", NONE, lambda w: {"partner": "²"}, None),
    ("administrator", "get", "partners:similar", NONE, lambda w: {"name": "СОШ", "exclude": BIG},
     None),
]


def login(world, role):
    client = Client(raise_request_exception=False)
    client.force_login(world["users"][role])
    return client


def errors_in(response) -> set:
    """The names of the fields with an error in any form or filter the page rendered."""
    found = set()
    contexts = response.context if isinstance(response.context, list) else [response.context]
    for context in contexts:
        for value in context.flatten().values():
            values = value.values() if isinstance(value, dict) else [value]
            for item in values:
                form = item.form if isinstance(item, FilterSet) else item
                if isinstance(form, BaseForm) and form.is_bound:
                    found |= set(form.errors)
    return found


@pytest.fixture
def direction(db):
    return DirectionFactory()


@pytest.mark.parametrize(
    ("role", "method", "name", "args", "data", "field"),
    REQUESTS,
    ids=[f"{r[1]} {r[2]} {i}" for i, r in enumerate(REQUESTS)],
)
def test_it_answers_a_bad_integer_with_400_or_a_form_error(
    world, direction, role, method, name, args, data, field
):
    client = login(world, role)
    before = checksum()
    response = getattr(client, method)(reverse(name, args=args(world)), data(world))
    if field is None:
        assert response.status_code == 400
    else:
        assert response.status_code == 200
        assert field in errors_in(response)
    assert checksum() == before


@pytest.mark.parametrize(
    "target", ["-1", "//evil.example/", "https://evil.example/", "/\r\nSet-Cookie: a=1", "x"]
)
def test_it_sends_a_restore_with_a_bad_next_to_the_plan(world, target):
    client = login(world, "owner")
    plan = world["plan"]
    url = reverse("plans:restore", args=[plan.pk, "row", 999999])
    response = client.post(url, {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:history", args=[plan.pk])


def test_it_restores_with_a_bad_next_and_goes_to_the_row(world):
    from plans.models import PlanRow

    client = login(world, "owner")
    plan, row = world["plan"], world["row"]
    client.post(reverse("plans:row_delete", args=[plan.pk, row.pk]))
    record = PlanRow.history.get(id=row.pk, history_type="-")
    url = reverse("plans:restore", args=[plan.pk, "row", record.history_id])
    response = client.post(url, {"next": "-1"})
    assert response.status_code == 302
    assert response["Location"] == f"{plan.get_absolute_url()}?mode=edit#row-{row.pk}"
    assert PlanRow.objects.filter(pk=row.pk).exists()


def test_it_follows_a_next_on_this_site(world):
    client = login(world, "owner")
    plan = world["plan"]
    url = reverse("plans:restore", args=[plan.pk, "row", 999999])
    response = client.post(url, {"next": plan.get_absolute_url()})
    assert response["Location"] == plan.get_absolute_url()


def test_it_reads_ids_in_the_database_range_only():
    assert parse_id("12") == 12
    assert parse_id(str(DB_INT_MAX)) == DB_INT_MAX
    assert parse_id(str(DB_INT_MAX + 1)) is None
    for bad in ["", "-1", "²", "١٢", "1.0", "1e3", "0x1", "\x00", True]:
        assert parse_id(bad) is None


def test_it_refuses_a_bad_integer_parameter_as_a_bad_request():
    from django.core.exceptions import BadRequest

    assert int_param({"page": "3"}, "page") == 3
    assert int_param({}, "page", default=1) == 1
    for bad in [BIG, "-1", "²", "abc", "1.5"]:
        with pytest.raises(BadRequest):
            int_param({"page": bad}, "page")


def huge_ids(args):
    return [BIG if isinstance(arg, int) else arg for arg in args]


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]} {c[1]} {i}" for i, c in enumerate(CASES)])
def test_it_answers_a_huge_id_in_the_path_without_a_server_error(world, case):
    method, name, args, data, _expected = case
    client = login(world, "administrator")
    url = reverse(name, args=huge_ids(args(world)))
    response = getattr(client, method)(url, data(world) if callable(data) else data or {})
    assert response.status_code < 500


def test_it_refuses_a_foreign_import_token_without_a_server_error(world):
    client = login(world, "owner")
    session = client.session
    session["plan_import"] = {"token": "a" * 32, "name": "plan.docx"}
    session.save()
    response = client.post(reverse("plans:import_confirm"), {"token": "токен"})
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:import")


def test_it_searches_partners_with_a_nul_byte(world):
    client = login(world, "owner")
    url = reverse("plans:partner_search", args=[world["plan"].pk])
    assert client.get(url, {"q": "сош\x00"}).status_code == 200
