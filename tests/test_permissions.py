"""Every URL, as every role: the one place that says who may do what.

Each case names a URL, how to build its arguments from `world`, the method, and the status
each persona gets. A feature that adds a URL adds its cases here.
"""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partners.models import Agreement, Partnership
from tests import permission_cases
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
    # Approval and print (issue 4): steps on a draft; exports follow the plan's visibility.
    ("post", "plans:transition", lambda w: [w["plan"].pk, "submit"], None,
     expect(302, 302, 404, 403, 302)),
    ("post", "plans:transition", lambda w: [w["plan"].pk, "approve"], None,
     expect(302, 403, 404, 403, 302)),
    ("post", "plans:transition", lambda w: [w["plan"].pk, "return"], {"comment": "Нет"},
     expect(302, 403, 404, 302, 302)),
    ("post", "plans:transition", lambda w: [w["plan"].pk, "reopen"], {"comment": "Нет"},
     expect(302, 403, 404, 403, 302)),
    ("get", "plans:pdf", lambda w: [w["plan"].pk], None, READ_OWN_PLAN),
    ("get", "plans:docx", lambda w: [w["plan"].pk], None, READ_OWN_PLAN),
    ("get", "plans:xlsx", lambda w: [w["plan"].pk], None, READ_OWN_PLAN),
    ("get", "plans:diagram", lambda w: [w["plan"].pk], None, READ_OWN_PLAN),
    ("get", "plans:diagram_svg", lambda w: [w["plan"].pk], None, READ_OWN_PLAN),
    ("get", "plans:consolidated_current", lambda w: [], None, expect(302, 302, 302, 302, 302)),
    ("get", "plans:consolidated", lambda w: [2025], None, READ_ANY),
    ("get", "plans:consolidated_pdf", lambda w: [2025], None, expect(302, 302, 302, 302, 302)),
    ("get", "plans:export_job", lambda w: [owners_export(w).pk], None,
     expect(302, 200, 404, 404, 404)),
    ("get", "plans:export_download", lambda w: [owners_export(w).pk], None,
     expect(302, 200, 404, 404, 404)),
    ("get", "institution", lambda w: [], None, expect(302, 403, 403, 403, 200)),
    ("post", "institution", lambda w: [], None, expect(302, 403, 403, 403, 200)),
    ("get", "institution_logo", lambda w: [], None, expect(302, 404, 404, 404, 404)),
]

# The plan editor (issue #3). Data may be a function of the world.
EDIT_GET = expect(302, 200, 404, 403, 200)
EDIT_POST = expect(302, 302, 404, 403, 302)
ROW = lambda w: [w["plan"].pk, w["row"].pk]  # noqa: E731
ACTIVITY = lambda w: [w["plan"].pk, w["row"].pk, w["activity"].pk]  # noqa: E731
CASES += [
    ("get", "plans:create", lambda w: [], None, expect(302, 200, 200, 403, 200)),
    (
        "post", "plans:create", lambda w: [],
        lambda w: {"unit": w["plan"].unit_id, "year": w["plan"].year + 1},
        expect(302, 302, 200, 403, 302),
    ),
    ("get", "plans:copy", lambda w: [w["plan"].pk], None, EDIT_GET),
    ("post", "plans:copy", lambda w: [w["plan"].pk], {"year": 2026}, EDIT_POST),
    ("get", "plans:history", lambda w: [w["plan"].pk], None, READ_OWN_PLAN),
    ("post", "plans:restore", lambda w: [w["plan"].pk, "row", 999999], None, EDIT_POST),
    ("get", "plans:period_preview", lambda w: [], {"months": ["5", "6"]}, READ_ANY),
    ("get", "plans:partner_search", lambda w: [w["plan"].pk], {"q": "сош"}, EDIT_GET),
    ("get", "plans:row_add", lambda w: [w["plan"].pk], None, EDIT_GET),
    (
        "post", "plans:row_add", lambda w: [w["plan"].pk],
        lambda w: {"partner": PartnerFactory().pk, "characteristic": "Цели."},
        EDIT_POST,
    ),
    ("get", "plans:row", ROW, None, expect(302, 302, 404, 302, 302)),
    ("get", "plans:row_edit", ROW, None, EDIT_GET),
    (
        "post", "plans:row_edit", ROW,
        lambda w: {"partner": w["partner"].pk, "characteristic": "Новое.", "version": 1},
        EDIT_POST,
    ),
    ("get", "plans:row_delete", ROW, None, EDIT_GET),
    ("post", "plans:row_delete", ROW, None, EDIT_POST),
    ("post", "plans:row_move", ROW, {"direction": "down"}, EDIT_POST),
    ("get", "plans:activity_add", ROW, None, EDIT_GET),
    ("post", "plans:activity_add", ROW, {"title": "Экскурсия", "months": ["10"]}, EDIT_POST),
    ("get", "plans:activity_edit", ACTIVITY, None, EDIT_GET),
    (
        "post", "plans:activity_edit", ACTIVITY,
        {"title": "Экскурсия", "frequency": "quarterly", "version": 1},
        EDIT_POST,
    ),
    ("get", "plans:activity_delete", ACTIVITY, None, EDIT_GET),
    ("post", "plans:activity_delete", ACTIVITY, None, EDIT_POST),
    ("post", "plans:activity_move", ACTIVITY, {"direction": "up"}, EDIT_POST),
]


def owners_export(world):
    """A finished PDF export that belongs to the owner."""
    from pathlib import Path

    from django.conf import settings

    from plans.models import ExportJob

    job = ExportJob.objects.create(
        user=world["users"]["owner"], kind=ExportJob.Kind.PLAN_PDF, plan=world["plan"],
        key="k", status=ExportJob.Status.DONE, progress=100, filename="plan.pdf",
        content_type="application/pdf",
    )
    job.file = f"exports/{job.pk}.pdf"
    job.save()
    path = Path(settings.MEDIA_ROOT) / job.file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7 test")
    return job


def _open_comment(w):
    from plans.models import Comment

    return Comment.objects.create(plan=w["plan"], row=w["row"], text="Добавьте мероприятия.")


# Coverage: every role may open it; teachers see their own units only (tests/test_coverage.py).
# Comments: reviewers write them; reviewers and the plan's teachers resolve them.
CASES += [
    ("get", "coverage:index", lambda w: [], None, READ_ANY),
    ("get", "coverage:activities", lambda w: [], None, READ_ANY),
    ("get", "coverage:unplanned", lambda w: [], None, READ_ANY),
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
    # the execution of plans (issue 12): a module per feature
    *permission_cases.CASES,
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
    ids=[f"{c[0]} {c[1]} {i}" for i, c in enumerate(CASES)],
)
def test_it_gives_each_role_its_status(client, world, role, method, name, args, data, expected):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    url = reverse(name, args=args(world))
    if callable(data):
        data = data(world)
    response = getattr(client, method)(url, data or {})
    assert response.status_code == expected[role], f"{role} {method.upper()} {url}"
