"""Permission-walk cases of execution.reports (see tests/permission_cases/__init__.py)."""

CASES: list = []
