"""Every URL, as every role: the one place that says who may do what.

Each case names a URL, how to build its arguments from `world`, the method, and the status
each persona gets. A feature that adds a URL adds its cases here.
"""

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, PartnerFactory, PlanFactory, PlanRowFactory

ROLES = ["anonymous", "owner", "other_teacher", "methodist", "administrator"]


def expect(anonymous, owner, other_teacher, methodist, administrator):
    statuses = [anonymous, owner, other_teacher, methodist, administrator]
    return dict(zip(ROLES, statuses, strict=True))


READ_OWN_PLAN = expect(302, 200, 404, 200, 200)
READ_ANY = expect(302, 200, 200, 200, 200)

# (method, url name, args from world, data, expected)
CASES = [
    ("get", "home", lambda w: [], None, READ_ANY),
    ("get", "plans:list", lambda w: [], None, READ_ANY),
    ("get", "plans:detail", lambda w: [w["plan"].pk], None, READ_OWN_PLAN),
    ("get", "partners:list", lambda w: [], None, READ_ANY),
    ("get", "partners:detail", lambda w: [w["partner"].pk], None, READ_ANY),
]


def _open_comment(w):
    from plans.models import Comment

    return Comment.objects.create(plan=w["plan"], row=w["row"], text="Добавьте мероприятия.")


# Coverage: every role may open it; teachers see their own units only (tests/test_coverage.py).
# Comments: reviewers write them; reviewers and the plan's teachers resolve them.
CASES += [
    ("get", "coverage:index", lambda w: [], None, READ_ANY),
    ("get", "coverage:activities", lambda w: [], None, READ_ANY),
    ("get", "coverage:xlsx", lambda w: [], None, READ_ANY),
    ("get", "coverage:pdf", lambda w: [], None, READ_ANY),
    ("get", "comments:list", lambda w: [w["plan"].pk], None, READ_OWN_PLAN),
    (
        "post",
        "comments:add",
        lambda w: [w["plan"].pk],
        {"text": "Добавьте мероприятия."},
        expect(302, 403, 404, 302, 302),
    ),
    (
        "post",
        "comments:resolve",
        lambda w: [w["plan"].pk, _open_comment(w).pk],
        None,
        expect(302, 302, 404, 302, 302),
    ),
]


@pytest.fixture
def world(plan, owner, other_teacher, methodist, administrator):
    partner = PartnerFactory(name="МБОУ СОШ № 4")
    row = PlanRowFactory(plan=plan, partner=partner)
    activity = ActivityFactory(row=row)
    return {
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
