"""Permission-walk cases of execution.overview (see tests/permission_cases/__init__.py).

Every role may open the execution view, its drill-down and its export; what they show is
narrowed to the units the user sees (tests/test_execution_overview.py checks the numbers)."""

from .common import READ_ANY

CASES: list = [
    ("get", "overview:index", lambda w: [], None, READ_ANY),
    ("get", "overview:activities", lambda w: [], {"status": "overdue", "month": "10"}, READ_ANY),
    ("get", "overview:xlsx", lambda w: [], None, READ_ANY),
]
