"""Permission-walk cases of execution.reports (see tests/permission_cases/__init__.py).

A plan's report follows the plan's visibility; its conclusions are written by the plan's
keepers (teachers of the unit, administrators), read by methodists. The consolidated report is
for those who see the whole institution: a teacher gets 403.
"""

from .common import READ_OWN_PLAN, expect

PLAN = lambda w: [w["plan"].pk]  # noqa: E731
YEAR = lambda w: [w["plan"].year]  # noqa: E731
WHOLE_INSTITUTION = expect(302, 403, 403, 200, 200)
CONCLUSIONS = {"achieved": "Дети побывали в музее.", "difficulties": "", "next_year": ""}

CASES: list = [
    ("get", "reports:plan", PLAN, None, READ_OWN_PLAN),
    ("post", "reports:plan", PLAN, CONCLUSIONS, expect(302, 302, 404, 403, 302)),
    ("get", "reports:plan_pdf", PLAN, None, READ_OWN_PLAN),
    ("get", "reports:plan_docx", PLAN, None, READ_OWN_PLAN),
    ("get", "reports:consolidated_current", lambda w: [], None, expect(302, 302, 302, 302, 302)),
    ("get", "reports:consolidated", YEAR, None, WHOLE_INSTITUTION),
    ("get", "reports:consolidated_pdf", YEAR, None, WHOLE_INSTITUTION),
]
