"""Every URL, as every role: the one place that says who may do what.

Each case names a URL, how to build its arguments from `world`, the method, and the status
each persona gets. A feature that adds a URL adds its cases here.
"""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import Agreement, Partnership
from tests.factories import ActivityFactory, PartnerFactory, PlanFactory, PlanRowFactory

ROLES = ["anonymous", "owner", "other_teacher", "methodist", "administrator"]


def expect(anonymous, owner, other_teacher, methodist, administrator):
    statuses = [anonymous, owner, other_teacher, methodist, administrator]
    return dict(zip(ROLES, statuses, strict=True))


READ_OWN_PLAN = expect(302, 200, 404, 200, 200)
READ_ANY = expect(302, 200, 200, 200, 200)
ADMIN_ONLY = expect(302, 403, 403, 403, 200)
ADMIN_ONLY_POST = expect(302, 403, 403, 403, 302)  # done, then redirected
HOLDERS = expect(302, 200, 200, 403, 200)  # teachers (of their units) and administrators
CHANGE_OWN = expect(302, 200, 404, 403, 200)

# (method, url name, args from world, data, expected)
CASES = [
    ("get", "home", lambda w: [], None, READ_ANY),
    ("get", "plans:list", lambda w: [], None, READ_ANY),
    ("get", "plans:detail", lambda w: [w["plan"].pk], None, READ_OWN_PLAN),
    ("get", "partners:list", lambda w: [], None, READ_ANY),
    ("get", "partners:detail", lambda w: [w["partner"].pk], None, READ_ANY),
    # the registry, agreements, partnerships and imports (issue 6)
    ("get", "partners:create", lambda w: [], None, ADMIN_ONLY),
    ("get", "partners:edit", lambda w: [w["partner"].pk], None, ADMIN_ONLY),
    ("post", "partners:archive", lambda w: [w["partner"].pk], None, ADMIN_ONLY_POST),
    ("post", "partners:restore", lambda w: [w["partner"].pk], None, ADMIN_ONLY_POST),
    ("get", "partners:merge", lambda w: [w["partner"].pk], None, ADMIN_ONLY),
    ("get", "partners:similar", lambda w: [], {"name": "СОШ"}, ADMIN_ONLY),
    ("get", "partners:import", lambda w: [], None, ADMIN_ONLY),
    ("get", "partners:import_preview", lambda w: [], None, ADMIN_ONLY_POST),
    ("get", "partners:import_done", lambda w: [], None, ADMIN_ONLY_POST),
    ("get", "partners:partnership_create", lambda w: [w["partner"].pk], None, HOLDERS),
    ("get", "partners:partnership", lambda w: [w["partnership"].pk], None, READ_OWN_PLAN),
    ("post", "partners:partnership_delete", lambda w: [w["partnership"].pk], None,
     expect(302, 302, 404, 403, 302)),
    ("get", "agreements:list", lambda w: [], None, READ_ANY),
    ("get", "agreements:create", lambda w: [], None, HOLDERS),
    ("get", "agreements:detail", lambda w: [w["agreement"].pk], None, READ_OWN_PLAN),
    ("get", "agreements:edit", lambda w: [w["agreement"].pk], None, CHANGE_OWN),
    ("get", "agreements:delete", lambda w: [w["agreement"].pk], None, CHANGE_OWN),
    ("post", "agreements:delete", lambda w: [w["agreement"].pk], None,
     expect(302, 302, 404, 403, 302)),
    ("get", "agreements:file", lambda w: [w["agreement"].pk], None, READ_OWN_PLAN),
    ("get", "plans:import", lambda w: [], None, HOLDERS),
    ("post", "plans:import_confirm", lambda w: [], {"token": "x"}, expect(302, 302, 302, 403, 302)),
]


@pytest.fixture
def world(plan, owner, other_teacher, methodist, administrator):
    partner = PartnerFactory(name="МБОУ СОШ № 4")
    row = PlanRowFactory(plan=plan, partner=partner)
    activity = ActivityFactory(row=row)
    agreement = Agreement.objects.create(
        partner=partner, unit=plan.unit, number="1", valid_from=date(2025, 9, 1),
        file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 test"), file_name="a.pdf",
    )
    partnership = Partnership.objects.create(partner=partner, unit=plan.unit)
    return {
        "agreement": agreement,
        "partnership": partnership,
        "plan": plan,
        "row": row,
        "activity": activity,
        "partner": partner,
        "other_plan": PlanFactory(unit=other_teacher.units.first(), year=2025),
        "users": {
            "anonymous": None,
            "owner": owner,
            "other_teacher": other_teacher,
            "methodist": methodist,
            "administrator": administrator,
        },
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("method", "name", "args", "data", "expected"),
    CASES,
    ids=[f"{c[0]} {c[1]}" for c in CASES],
)
def test_it_gives_each_role_its_status(client, world, role, method, name, args, data, expected):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    url = reverse(name, args=args(world))
    response = getattr(client, method)(url, data or {})
    assert response.status_code == expected[role], f"{role} {method.upper()} {url}"
