"""The session engine (`SESSION_ENGINE`): Django's sessions in the database, read with one
prepared statement (`dimpact_portal.db.fetch_one`) instead of a query the ORM builds and the
server plans on every request. Sessions stay in the database alone: a copy in the cache could
outlive a log-out while the cache is unreachable."""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone

from dimpact_portal.db.base import fetch_one


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        model = self.model
        if self.session_key is None:
            return None
        table = connections[router.db_for_read(model)].ops.quote_name(model._meta.db_table)
        row = fetch_one(
            connections[router.db_for_read(model)],
            f"SELECT session_data, expire_date FROM {table}"  # noqa: S608  # nosec B608 (the model's table)
            " WHERE session_key = %s AND expire_date > %s",
            [self.session_key, timezone.now()],
        )
        if row is None:
            self._session_key = None
            return None
        return model(session_key=self.session_key, session_data=row[0], expire_date=row[1])
