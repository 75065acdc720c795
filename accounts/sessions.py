"""The session engine (`SESSION_ENGINE`): Django's sessions in the database
(`accounts.models.Session`), read on PostgreSQL with one prepared statement
(`dimpact_portal.db.fetch_one`) that brings the logged-in user's row with the session's: the
user, its group names and the association's second-factor setting, which every request of a
logged-in person asks next (`accounts.backends`). The session's signed data still decides who
is logged in: the user read along is used only when its id is the one the data names.

Sessions stay in the database alone: a copy in the cache could outlive a log-out while the
cache is unreachable.
"""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone

from dimpact_portal.db.base import DatabaseWrapper, fetch_one
from dimpact_portal.request_memo import request_memo_put


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        from accounts.models import Session

        return Session

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        instance.user_id = _user_id(data.get(SESSION_KEY))
        return instance

    def _get_session_from_db(self):
        model = self.model
        connection = connections[router.db_for_read(model)]
        if self.session_key is None or not isinstance(connection, DatabaseWrapper):
            return super()._get_session_from_db()
        from accounts.backends import SESSION_AND_USER_SQL, user_from_row

        row = fetch_one(connection, SESSION_AND_USER_SQL, [self.session_key, timezone.now()])
        if row is None:
            self._session_key = None
            return None
        session_data, expire_date, user_id = row[:3]
        if user_id is not None:
            # For `PortalModelBackend.get_user`, in this request only.
            request_memo_put(SESSION_USER, (user_id, user_from_row(row[3:])))
        return model(
            session_key=self.session_key, session_data=session_data, expire_date=expire_date
        )


SESSION_USER = "accounts:session-user"


def _user_id(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
