"""Starting the portal's own processes (worker, beat, gunicorn) from tests, and stopping them.

These tests need a database that another process can open, so PostgreSQL; where it or Redis
is missing they skip, except under `.ci/run` (REQUIRE_WORKER=1), where they fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

BASE = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def require_services(*, redis: bool) -> None:
    """Skip (or, in CI, fail) unless PostgreSQL and, when asked, Redis are configured."""
    reason = None
    if connection.vendor != "postgresql":
        reason = "needs a database another process can open (PostgreSQL)"
    elif redis and not settings.REDIS_URL:
        reason = "needs Redis (REDIS_URL)"
    if reason:
        if os.environ.get("REQUIRE_WORKER") == "1":
            pytest.fail(f"required in CI, but it {reason}")
        pytest.skip(reason)


def test_database_url() -> str:
    """The URL of the test database pytest-django made, for processes started by a test."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


test_database_url.__test__ = False  # a helper, not a test


@contextmanager
def running(command: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen]:
    """Run `command` from the project folder for the duration of the block."""
    process = subprocess.Popen(
        command, cwd=BASE, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def web_server(port: int, *, workers: int = 2, threads: int = 1) -> list[str]:
    """The production web server as the README starts it (`python -m dimpact_portal.server`,
    which runs granian with `dimpact_portal.server.command`), on 127.0.0.1."""
    return [
        sys.executable, "-m", "dimpact_portal.server", "--host", "127.0.0.1", "--port", str(port),
        "--workers", str(workers), "--threads", str(threads),
    ]  # fmt: skip


def celery(*args: str) -> list[str]:
    return [sys.executable, "-m", "celery", "-A", "dimpact_portal", *args]


def worker_env(**extra: str) -> dict[str, str]:
    """The environment of a worker on the test database (PostgreSQL) and Redis."""
    return {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "DEBUG": "1",
        "SECURE": "0",
        **extra,
    }


@contextmanager
def celery_worker(env: dict[str, str], *, name: str = "test") -> Iterator[subprocess.Popen]:
    """A solo-pool worker (one process: killing it kills the render in progress), started
    and answering pings before the block runs."""
    import time

    from dimpact_portal.celery import app

    command = celery(
        "worker",
        "--pool=solo",
        "--loglevel=WARNING",
        "--without-gossip",
        "--without-mingle",
        f"--hostname={name}-{os.getpid()}-{time.monotonic_ns()}@%h",
    )
    with running(command, env) as process:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=1.0):
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read() if process.poll() is not None else ""
                pytest.fail(f"the Celery worker did not start: {output[-2000:]}")
        yield process
