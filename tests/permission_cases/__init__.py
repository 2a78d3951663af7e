"""Cases of the permission walk (tests/test_permissions.py), a module per feature of the execution.

Each module defines ``CASES`` in the walk's format: (method, url name, args from world, data,
expected statuses by role, built with ``tests.permission_cases.common.expect``).
"""

from . import feeds, overview, recording, reports

CASES = recording.CASES + reports.CASES + overview.CASES + feeds.CASES
