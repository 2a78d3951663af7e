"""Permission-walk cases of execution.feeds (see tests/permission_cases/__init__.py)."""

CASES: list = []
