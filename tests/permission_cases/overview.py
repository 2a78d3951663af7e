"""Permission-walk cases of execution.overview (see tests/permission_cases/__init__.py)."""

CASES: list = []
