"""The demo data (`load_seed`) for a test in a fraction of its cost: the first test that asks
for it runs the loaders for real; later tests that start from the same database get the rows
and the files that run wrote, copied back in their own transaction, and its cache writes and
on-commit callbacks again.

`load_seed` runs some 7,000 queries and renders PDFs; some 50 tests ask for the seed. A replay
is only done where it gives the database a real run would: the database before it must be
exactly the one the real run started from (a hash of every table), on the same day, with the
same settings, and the real run must have sent no e-mail and queued no task itself; the copy
is checked against the real run's tables (their hashes) each time. Time stamps the real run
wrote are moved on by the time since, so "made just now" stays true. Anything else runs the
loaders for real. PostgreSQL only (COPY); elsewhere, and with TEST_SEED_MEMO=0, every call
is a real run.
"""

from __future__ import annotations

import datetime
import hashlib
import os
from collections.abc import Callable
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone, translation

_MEMO: dict[tuple, _Capture | None] = {}
_SAFE_SCHEMA: list[bool] = []


@dataclass
class _Capture:
    before: dict[str, str]
    after: dict[str, str] = field(default_factory=dict)
    rows: dict[str, bytes] = field(default_factory=dict)
    stamps: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    cache_calls: list[tuple[str, tuple, dict]] = field(default_factory=list)
    callbacks: list[tuple[Callable[[], object], bool]] = field(default_factory=list)
    started: datetime.datetime | None = None
    ended: datetime.datetime | None = None


def seed_memoized(name: str, load: Callable[[], object]) -> None:
    """Run `load` (which writes the demo data), or replay what an earlier run of it wrote."""
    if os.environ.get("TEST_SEED_MEMO") == "0" or not _replayable_here():
        load()  # TEST_SEED_MEMO=0: every test runs the loaders itself, as before
        return
    before = _table_hashes()
    key = (name, tuple(sorted(before.items())), timezone.localdate(), _settings_key())
    if key in _MEMO:
        capture = _MEMO[key]
        if capture is not None and not _media_files():
            _replay(capture)
        else:
            load()
        return
    _MEMO[key] = _capture_run(load, before)


def _replayable_here() -> bool:
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        return False  # a transactional test would keep the copied rows only by luck
    from django.core.files.storage import FileSystemStorage, default_storage

    if not isinstance(default_storage, FileSystemStorage):
        return False
    if not _SAFE_SCHEMA:
        with connection.cursor() as cursor:
            # Deleting and copying back a table's rows is only safe when no foreign key is
            # checked at once or acts in the database (Django's are deferred, no action).
            cursor.execute(
                "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"
                " AND (NOT condeferrable OR NOT condeferred OR confdeltype <> 'a')"
            )
            _SAFE_SCHEMA.append(cursor.fetchone()[0] == 0)
    return _SAFE_SCHEMA[0]


def _settings_key() -> str:
    names = ["PASSWORD_HASHERS", "SEED_LOADERS", "TIME_ZONE", "DEMO_PASSWORD", "STORAGES"]
    names += ["DOCUMENTS", "INSTALLED_APPS", "TWO_FACTOR_REQUIRED_ROLES", "LANGUAGE_CODE"]
    text = repr([(name, getattr(settings, name, None)) for name in names])
    return hashlib.sha256(f"{text}{translation.get_language()}".encode()).hexdigest()


def _tables() -> list[str]:
    return sorted(connection.introspection.table_names(include_views=False))


def _table_hashes() -> dict[str, str]:
    quote = connection.ops.quote_name
    parts = [
        f"SELECT %s, (SELECT md5(coalesce(string_agg(t::text, chr(10) ORDER BY t::text), ''))"
        f" FROM {quote(table)} t)"
        for table in _tables()
    ]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), _tables())
        return dict(cursor.fetchall())


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_files() -> dict[str, bytes]:
    root = _media_root()
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


@contextmanager
def _side_effects(capture: _Capture, seen: list[str]):
    """Keeps the cache writes and on-commit callbacks of a run (a replay repeats them) and
    notes what else it does besides writing rows and files (then it is never replayed)."""
    from celery.app.task import Task
    from django.core.cache import caches

    outbox = len(getattr(mail, "outbox", []))
    callbacks = len(connection.run_on_commit)
    cache = caches["default"]
    writes = ["set", "set_many", "add", "delete", "delete_many", "incr", "decr", "touch", "clear"]
    with ExitStack() as stack:
        for name in writes:
            original = getattr(cache, name)

            def noted(*args, _original=original, _name=name, **kwargs):
                capture.cache_calls.append((_name, args, kwargs))
                return _original(*args, **kwargs)

            stack.enter_context(mock.patch.object(cache, name, noted))
        original_send = Task.apply_async

        def sent(task, *args, **kwargs):
            seen.append(f"task {task.name}")
            return original_send(task, *args, **kwargs)

        stack.enter_context(mock.patch.object(Task, "apply_async", sent))
        yield
    if len(getattr(mail, "outbox", [])) != outbox:
        seen.append("mail")
    capture.callbacks = [(func, robust) for _, func, robust in connection.run_on_commit[callbacks:]]


def _capture_run(load: Callable[[], object], before: dict[str, str]) -> _Capture | None:
    files_before = _media_files()
    with connection.cursor() as cursor:
        cursor.execute("SELECT now()")
        transaction_start = cursor.fetchone()[0]
    capture = _Capture(before=before, started=min(timezone.now(), transaction_start))
    seen: list[str] = []
    with _side_effects(capture, seen):
        load()
    capture.ended = timezone.now()
    if seen or files_before:
        return None
    capture.after = _table_hashes()
    changed = [table for table in _tables() if capture.after.get(table) != before.get(table)]
    capture.files = _media_files()
    raw = connection.connection
    quote = connection.ops.quote_name
    with raw.cursor() as cursor:
        for table in changed:
            with cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                capture.rows[table] = b"".join(bytes(chunk) for chunk in copy)
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = ANY(%s)"
            " AND data_type LIKE 'timestamp%%'",
            [changed],
        )
        for table, column in cursor.fetchall():
            capture.stamps.setdefault(table, []).append(column)
    return capture


def _replay(capture: _Capture) -> None:
    shift = timezone.now() - capture.started
    quote = connection.ops.quote_name
    raw = connection.connection
    with raw.cursor() as cursor:
        for table, data in capture.rows.items():
            cursor.execute(f"DELETE FROM {quote(table)}")
            with cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                copy.write(data)
    # The copy must be the database the real run left, row for row, before the time shift.
    differing = sorted(t for t, h in _table_hashes().items() if capture.after.get(t) != h)
    assert not differing, f"the replayed seed differs from its real run in {differing}"
    with raw.cursor() as cursor:
        for table in capture.rows:
            for column in capture.stamps.get(table, []):
                cursor.execute(
                    f"UPDATE {quote(table)} SET {quote(column)} = {quote(column)} + %s"
                    f" WHERE {quote(column)} BETWEEN %s AND %s",
                    [shift, capture.started, capture.ended],
                )
    root = _media_root()
    for name, content in capture.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    from django.core.cache import caches

    for name, args, kwargs in capture.cache_calls:
        getattr(caches["default"], name)(*args, **kwargs)
    for func, robust in capture.callbacks:
        transaction.on_commit(func, robust=robust)
