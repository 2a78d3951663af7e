"""Permission-walk cases of execution.recording (see tests/permission_cases/__init__.py)."""

CASES: list = []
