"""The audit trail the secretariat reads (read only): the history of every governance record
(django-simple-history's tables of every app), the statute settings' history, log-ins and
log-outs and failed log-ins (axes' logs) and the security events (locks, unlocks, sessions
ended, second factors). Each source is queried newest first and merged; nothing here writes."""

from __future__ import annotations

import datetime
import heapq
import itertools
from dataclasses import dataclass

from axes.models import AccessFailureLog, AccessLog
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from simple_history.models import registered_models

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


def _dates(queryset: QuerySet, field: str, filters: AuditFilter) -> QuerySet:
    if filters.since:
        queryset = queryset.filter(**{f"{field}__date__gte": filters.since})
    if filters.until:
        queryset = queryset.filter(**{f"{field}__date__lte": filters.until})
    return queryset


def _history_models(filters: AuditFilter):
    for model in registered_models.values():
        history = getattr(model, "history", None)
        if history is None:
            continue
        source = "settings" if model._meta.app_label in SETTINGS_APPS else "records"
        if filters.source and filters.source != source:
            continue
        label = f"{model._meta.label_lower} {model._meta.verbose_name}".lower()
        if filters.record and filters.record.lower() not in label:
            continue
        yield model, source


def _history_query(model, filters: AuditFilter) -> QuerySet:
    queryset = _dates(model.history.all(), "history_date", filters)
    if filters.person:
        queryset = queryset.filter(history_user__username__icontains=filters.person)
    if filters.record_id is not None:
        queryset = queryset.filter(id=filters.record_id)
    return queryset.select_related("history_user").order_by("-history_date")


def _history_entry(model, source: str, row) -> AuditEntry:
    return AuditEntry(
        at=row.history_date,
        source=source,
        what=_HISTORY_TYPES.get(row.history_type, row.history_type),
        person=row.history_user.username if row.history_user else "",
        record=f"{model._meta.verbose_name} #{row.id}",
        detail=row.history_change_reason or "",
    )


def _person_filter(queryset: QuerySet, filters: AuditFilter, field="username") -> QuerySet:
    if filters.person:
        queryset = queryset.filter(**{f"{field}__icontains": filters.person})
    return queryset


def _wants(source: str, filters: AuditFilter) -> bool:
    # Log-ins and security events are not records: a record filter leaves them out.
    return (not filters.source or filters.source == source) and not (
        filters.record or filters.record_id is not None
    )


def _sources(filters: AuditFilter):
    """(queryset, how to turn a row into an entry) for each source the filter keeps."""
    for model, source in _history_models(filters):
        yield (
            _history_query(model, filters),
            lambda row, m=model, s=source: _history_entry(m, s, row),
        )
    if _wants("logins", filters):
        logins = _person_filter(_dates(AccessLog.objects.all(), "attempt_time", filters), filters)
        yield logins.order_by("-attempt_time"), _login_entry
        failures = _dates(AccessFailureLog.objects.all(), "attempt_time", filters)
        yield _person_filter(failures, filters).order_by("-attempt_time"), _failure_entry
    if _wants("security", filters):
        events = _dates(SecurityEvent.objects.select_related("actor"), "at", filters)
        if filters.person:
            events = events.filter(
                Q(username__icontains=filters.person) | Q(actor__username__icontains=filters.person)
            )
        yield events.order_by("-at"), _event_entry


def _login_entry(row) -> AuditEntry:
    detail = _("logged out %(at)s") % {"at": row.logout_time} if row.logout_time else ""
    return AuditEntry(row.attempt_time, "logins", "log-in", row.username or "", "", detail)


def _failure_entry(row) -> AuditEntry:
    return AuditEntry(
        row.attempt_time,
        "logins",
        "failed log-in" + (" (locked)" if row.locked_out else ""),
        row.username or "",
        "",
        row.ip_address or "",
    )


def _event_entry(row) -> AuditEntry:
    by = _(" by %(name)s") % {"name": row.actor.username} if row.actor else ""
    return AuditEntry(
        row.at,
        "security",
        row.get_kind_display(),
        row.username,
        "",
        f"{row.ip_address or ''} {row.detail}{by}".strip(),
    )


def audit_count(filters: AuditFilter) -> int:
    return sum(queryset.count() for queryset, _entry in _sources(filters))


def _stream(queryset: QuerySet, convert, count: int):
    return (convert(row) for row in queryset[:count])


def audit_entries(filters: AuditFilter, *, offset: int, limit: int) -> list[AuditEntry]:
    """Entries `offset` to `offset + limit`, newest first, over every source."""
    streams = [
        _stream(queryset, convert, offset + limit) for queryset, convert in _sources(filters)
    ]
    merged = heapq.merge(*streams, key=lambda entry: entry.at, reverse=True)
    return list(itertools.islice(merged, offset, offset + limit))
