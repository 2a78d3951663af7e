"""Permission-walk cases of execution.feeds (see tests/permission_cases/__init__.py).

The feed needs no login: its token is the secret, so whoever holds it gets the calendar and
a wrong token is a 404 for everyone. The subscribe page is each signed-in user's own.
"""

from .common import READ_ANY, expect


def owners_token(world):
    from execution.feeds import service

    return [service.token_of(world["users"]["owner"]).token]


CASES: list = [
    ("get", "feeds:subscribe", lambda w: [], None, READ_ANY),
    ("post", "feeds:subscribe", lambda w: [], None, expect(302, 302, 302, 302, 302)),
    ("get", "feeds:feed", owners_token, None, expect(200, 200, 200, 200, 200)),
    ("get", "feeds:feed", lambda w: ["not-a-token"], None, expect(404, 404, 404, 404, 404)),
]
