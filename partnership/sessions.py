"""Django's database sessions, with the query that every logged-in request runs compiled once.

Reading the session by its key is the first query of every request with a session cookie;
building it cost Django several times what the database took to answer it
(`partners.compiled`). `SESSION_ENGINE` names this module. What it keeps, how it expires
and how the session is written are Django's own.
"""

import logging

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

from partners.compiled import Compiled

_BY_KEY = Compiled(
    lambda key: Session.objects.filter(session_key=key), placeholders=("\x00no session",)
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        """The session of this key that has not expired, else None (a new key is made)."""
        try:
            found = _BY_KEY.objects(self.session_key)
        except SuspiciousOperation as exc:  # as Django's own logs it
            logging.getLogger(f"django.security.{exc.__class__.__name__}").warning(str(exc))
            found = []
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None
