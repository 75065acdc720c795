"""The audit trail the secretariat reads (read only): the history of every governance record
(django-simple-history's tables of every app), the statute settings' history, log-ins and
log-outs and failed log-ins (axes' logs) and the security events (locks, unlocks, sessions
ended, second factors). Nothing here writes.

Every source is read newest first and merged in the database: one UNION ALL of all the
sources' tables (its SQL made once per process), filtered, ordered and cut there, so that a
page costs one query and its count another, however many tables keep a history.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from axes.models import AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import registered_models

from accounts.constants import SecurityEventKind
from accounts.models import SecurityEvent

SOURCES = ("records", "settings", "logins", "security")
SETTINGS_APPS = ("statutes",)  # the association's statute settings and decision rules
_HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True)
class AuditFilter:
    person: str = ""
    record: str = ""
    record_id: int | None = None
    since: datetime.date | None = None
    until: datetime.date | None = None
    source: str = ""


@dataclass(frozen=True, order=True)
class AuditEntry:
    at: datetime.datetime
    source: str
    what: str
    person: str
    record: str
    detail: str = ""


@dataclass(frozen=True)
class _Stream:
    """One table of the trail: its source, the model whose history it keeps (for records and
    settings), and its SELECT in the shape of `_COLUMNS`."""

    source: str
    model: type | None
    select: str


# The one shape every table is read in. Typed NULLs: PostgreSQL resolves a UNION's column
# types pair by pair, and two untyped NULLs would make a column text.
_COLUMNS = (
    "stamp",  # when
    "stream",  # the table's position in `_streams()`: the merge's tie-break
    "what",  # history type, or security event kind
    "user_id",  # the history's user
    "person",  # the user name as typed (log-ins, security events)
    "record_pk",  # the history's record, as text
    "detail",  # the history's change reason, or the security event's detail
    "address",  # the IP address
    "actor_id",  # who did it (security events)
    "logout",  # when the log-in ended
    "locked",  # whether the failed log-in locked the account
)


def _select(table: str, stream: int, **columns: str) -> str:
    user_id = get_user_model()._meta.pk.rel_db_type(connection)
    types = {
        "what": "text",
        "user_id": user_id,
        "person": "text",
        "record_pk": "text",
        "detail": "text",
        "address": "text",
        "actor_id": user_id,
        "logout": "timestamp with time zone",
        "locked": "boolean",
    }
    values = [columns["stamp"], str(stream)] + [
        columns.get(name, f"NULL::{types[name]}") for name in _COLUMNS[2:]
    ]
    listed = ", ".join(f"{value} AS {name}" for value, name in zip(values, _COLUMNS, strict=True))
    return f"SELECT {listed} FROM {connection.ops.quote_name(table)}"  # noqa: S608  # nosec B608 (names from the models)


def _column(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


@functools.cache
def _streams() -> tuple[_Stream, ...]:
    """Every table of the trail, once per process (`model.history` makes a manager class at
    every access; the SQL is the same for every request)."""
    streams = []
    for model in registered_models.values():
        history = getattr(model, "history", None)
        if history is None:
            continue
        table = history.model
        source = "settings" if model._meta.app_label in SETTINGS_APPS else "records"
        select = _select(
            table._meta.db_table,
            len(streams),
            stamp=_column(table, "history_date"),
            what=f"{_column(table, 'history_type')}::text",
            user_id=_column(table, "history_user"),
            record_pk=f"{_column(table, 'id')}::text",
            detail=f"{_column(table, 'history_change_reason')}::text",
        )
        streams.append(_Stream(source, model, select))
    streams.extend(_security_streams(len(streams)))
    return tuple(streams)


def _security_streams(first: int) -> list[_Stream]:
    """The log-ins (axes' logs) and the security events, numbered on from `first`."""
    streams: list[_Stream] = []
    streams.append(
        _Stream(
            "logins",
            AccessLog,
            _select(
                AccessLog._meta.db_table,
                first + len(streams),
                stamp=_column(AccessLog, "attempt_time"),
                person=f"{_column(AccessLog, 'username')}::text",
                logout=_column(AccessLog, "logout_time"),
            ),
        )
    )
    streams.append(
        _Stream(
            "logins",
            AccessFailureLog,
            _select(
                AccessFailureLog._meta.db_table,
                first + len(streams),
                stamp=_column(AccessFailureLog, "attempt_time"),
                person=f"{_column(AccessFailureLog, 'username')}::text",
                address=f"HOST({_column(AccessFailureLog, 'ip_address')})",
                locked=_column(AccessFailureLog, "locked_out"),
            ),
        )
    )
    streams.append(
        _Stream(
            "security",
            SecurityEvent,
            _select(
                SecurityEvent._meta.db_table,
                first + len(streams),
                stamp=_column(SecurityEvent, "at"),
                what=f"{_column(SecurityEvent, 'kind')}::text",
                person=f"{_column(SecurityEvent, 'username')}::text",
                detail=f"{_column(SecurityEvent, 'detail')}::text",
                address=f"HOST({_column(SecurityEvent, 'ip_address')})",
                actor_id=_column(SecurityEvent, "actor"),
            ),
        )
    )
    return streams


@functools.cache
def _union() -> str:
    return " UNION ALL ".join(f"({stream.select})" for stream in _streams())


def _wanted(stream: _Stream, filters: AuditFilter) -> bool:
    if filters.source and filters.source != stream.source:
        return False
    if stream.source in ("logins", "security"):
        # Log-ins and security events are not records: a record filter leaves them out.
        return not (filters.record or filters.record_id is not None)
    label = f"{stream.model._meta.label_lower} {stream.model._meta.verbose_name}".lower()
    return not filters.record or filters.record.lower() in label


def _username(user_id: str) -> str:
    user = get_user_model()._meta
    return (
        f"(SELECT {connection.ops.quote_name(user.get_field('username').column)}"  # noqa: S608  # nosec B608
        f" FROM {connection.ops.quote_name(user.db_table)}"
        f" WHERE {connection.ops.quote_name(user.pk.column)} = {user_id})"
    )


def _where(filters: AuditFilter) -> tuple[str, list]:
    """The WHERE over the trail's rows (`trail`) that keeps what the filter asks."""
    streams = [index for index, stream in enumerate(_streams()) if _wanted(stream, filters)]
    where, params = ["trail.stream = ANY(%s)"], [streams]
    stamp_date = "(trail.stamp AT TIME ZONE %s)::date"
    if filters.since:
        where.append(f"{stamp_date} >= %s")
        params += [timezone.get_current_timezone_name(), filters.since]
    if filters.until:
        where.append(f"{stamp_date} <= %s")
        params += [timezone.get_current_timezone_name(), filters.until]
    if filters.record_id is not None:
        where.append("trail.record_pk = %s")
        params.append(str(filters.record_id))
    if filters.person:
        # As Django's `icontains`: the history's user, the name typed at a log-in or of a
        # security event, or who did it.
        user = get_user_model()._meta
        matching = (
            f"(SELECT {connection.ops.quote_name(user.pk.column)}"  # noqa: S608  # nosec B608
            f" FROM {connection.ops.quote_name(user.db_table)}"
            f" WHERE UPPER({connection.ops.quote_name(user.get_field('username').column)}::text)"
            " LIKE UPPER(%s))"
        )
        where.append(
            f"(trail.user_id IN {matching} OR UPPER(trail.person::text) LIKE UPPER(%s)"
            f" OR trail.actor_id IN {matching})"
        )
        pattern = f"%{connection.ops.prep_for_like_query(filters.person)}%"
        params += [pattern, pattern, pattern]
    return " AND ".join(where), params


def audit_count(filters: AuditFilter) -> int:
    """How many entries the filter keeps, over every source (one query)."""
    where, params = _where(filters)
    with connection.cursor() as cursor:
        sql = f"SELECT COUNT(*) FROM ({_union()}) AS trail WHERE {where}"  # noqa: S608  # nosec B608
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def audit_entries(filters: AuditFilter, *, offset: int, limit: int) -> list[AuditEntry]:
    """Entries `offset` to `offset + limit`, newest first, over every source (one query: the
    user names looked up for the page's rows only)."""
    where, params = _where(filters)
    order = "ORDER BY {0}.stamp DESC, {0}.stream"
    sql = (
        "SELECT page.stamp, page.stream, page.what, "  # noqa: S608  # nosec B608
        f"{_username('page.user_id')}, page.person, page.record_pk, page.detail, "
        f"page.address, {_username('page.actor_id')}, page.logout, page.locked "
        f"FROM (SELECT trail.* FROM ({_union()}) AS trail WHERE {where} "
        f"{order.format('trail')} LIMIT %s OFFSET %s) AS page {order.format('page')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        rows = cursor.fetchall()
    streams = _streams()
    return [_entry(streams[row[1]], row) for row in rows]


_KINDS = dict(SecurityEventKind.choices)


def _entry(stream: _Stream, row) -> AuditEntry:
    at, _stream, what, user, person, record_pk, detail, address, actor, logout, locked = row
    if stream.source == "logins" and stream.model is AccessLog:
        detail = _("logged out %(at)s") % {"at": logout} if logout else ""
        return AuditEntry(at, "logins", "log-in", person or "", "", detail)
    if stream.source == "logins":
        what = "failed log-in" + (" (locked)" if locked else "")
        return AuditEntry(at, "logins", what, person or "", "", address or "")
    if stream.source == "security":
        by = _(" by %(name)s") % {"name": actor} if actor else ""
        return AuditEntry(
            at,
            "security",
            str(_KINDS.get(what, what)),
            person,
            "",
            f"{address or ''} {detail}{by}".strip(),
        )
    return AuditEntry(
        at=at,
        source=stream.source,
        what=_HISTORY_TYPES.get(what, what),
        person=user or "",
        record=f"{stream.model._meta.verbose_name} #{record_pk}",
        detail=detail or "",
    )
