"""The browser journeys' shared parts: one portal running as in production (`dimpact_portal.server`
with DEBUG off, PostgreSQL, Redis, a real Celery worker) and one headless Debian Chromium for
the whole session; every test under tests/e2e is marked `e2e` (`make e2e`; `make test` leaves
them out).

Screenshots and the axe report go to artefacts/e2e/ (E2E_ARTEFACTS to change it; not committed).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.e2e import axe
from tests.processes import BASE, celery_worker, require_services, test_database_url, web_server

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
ARTEFACTS = Path(os.environ.get("E2E_ARTEFACTS") or BASE / "artefacts" / "e2e")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.e2e)


def _needs(reason: str | None) -> None:
    if reason:
        if os.environ.get("REQUIRE_WORKER") == "1":
            pytest.fail(f"required in CI, but it {reason}")
        pytest.skip(reason)


@pytest.fixture
def browser_ready():
    """For the tests that launch a browser of their own (the older ones, on live_server)."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        _needs("needs Playwright for Python")
    _needs(None if os.path.exists(CHROMIUM) else "needs Chromium (apt-get install chromium)")


@pytest.fixture(scope="session")
def chromium():
    """One headless Debian Chromium for the session (Playwright downloads no browser)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _needs("needs Playwright for Python")
    _needs(None if os.path.exists(CHROMIUM) else "needs Chromium (apt-get install chromium)")
    _needs(None if axe.AXE.exists() else "needs axe-core (npm ci)")
    # Playwright's sync API runs an event loop in this thread; the tests' ORM calls between
    # its steps are plain synchronous ones (Django would refuse them next to a running loop).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def _process(command: list[str], env: dict[str, str], log: Path):
    """A process of the session's own, its output in `log` (a pipe nobody reads would fill)."""
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=BASE, env=env, stdout=out, stderr=out)
        try:
            yield process
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_for_http(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the web server did not start: {log.read_text()[-2000:]}")
            time.sleep(0.3)


@dataclass
class Portal:
    base: str
    media: Path


@pytest.fixture(scope="session")
def portal(django_db_setup, django_db_blocker, tmp_path_factory):
    """The web server (DEBUG off, static files collected, as in production) and a Celery
    worker, both on the test database and Redis, for the whole session."""
    from django.conf import settings
    from django.db import connection

    with django_db_blocker.unblock():
        require_services(redis=True)
    work = tmp_path_factory.mktemp("portal")
    env = {k: v for k, v in os.environ.items() if k not in {"SECURE", "DEBUG"}}
    env.update(
        DEBUG="0",
        SECURE="0",
        SECRET_KEY="e2e-k7#Pq2$vX9!mR4@tL8^wN3&zB6*hJ1(cF5)dG0_sY7+aQ4=uE9",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=test_database_url(),
        REDIS_URL=settings.REDIS_URL,
        STATIC_ROOT=str(work / "static"),
        MEDIA_ROOT=str(work / "media"),
        STATIC_BROTLI="0",
        # Mail to files (the worker's output goes to a pipe nobody reads: the console backend
        # would fill it and stall the worker in the middle of a convocation).
        EMAIL_URL=f"filemail:///{work / 'mail'}",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE,
        env=env,
        check=True,
        timeout=300,
        capture_output=True,
    )
    port = _free_port()
    command = web_server(port, workers=2, threads=4)
    log = work / "server.log"
    with (
        _process(command, env, log) as server,
        celery_worker({**env, "DEBUG": "1", "MEDIA_ROOT": str(work / "media")}, name="e2e"),
    ):
        _wait_for_http(f"http://127.0.0.1:{port}/accounts/login/", server, log)
        yield Portal(base=f"http://127.0.0.1:{port}", media=work / "media")
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        # A server's connection that outlived it would keep the test database from its drop.
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@dataclass
class Auditor:
    """Checks each page a journey visits with axe-core, at desktop and phone width, each at
    normal and at 200% text size, and saves a screenshot of each; collects what it found."""

    folder: Path
    checked: dict[str, dict] = field(default_factory=dict)
    found: dict[str, dict] = field(default_factory=dict)
    count: int = 0
    seconds: float = 0.0  # spent checking and photographing

    def check(self, page, name: str, *, again: bool = False) -> None:
        if name in self.checked and not again:
            return
        started = time.monotonic()
        self.count += 1
        size = page.viewport_size
        result: dict[str, dict] = {}
        for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(viewport)
            for large in (False, True):
                axe.text_200(page, large)
                variant = f"{width}{' 200%' if large else ''}"
                found = axe.violations(page)
                overflow = axe.horizontal_overflow(page) if large else 0
                result[variant] = {"violations": axe.summary(found), "overflow": overflow}
                if found or overflow > 0:
                    self.found[f"{name} ({variant})"] = {"violations": found, "overflow": overflow}
                shot = f"{self.count:02d}-{name}-{width}{'-200' if large else ''}.png"
                page.screenshot(path=str(self.folder / shot), full_page=True)
            axe.text_200(page, False)
        page.set_viewport_size(size)
        self.checked[name] = {"url": page.url, "title": page.title(), **result}
        self.seconds += time.monotonic() - started

    def shot(self, page, name: str) -> None:
        """A screenshot of a step that is not a page of its own (a swap, a focus)."""
        self.count += 1
        page.screenshot(path=str(self.folder / f"{self.count:02d}-{name}.png"), full_page=True)

    def assert_clean(self) -> None:
        problems = {
            page: {
                "overflow": found["overflow"],
                "violations": [
                    {"id": v["id"], "help": v["help"], "nodes": v["nodes"]}
                    for v in found["violations"]
                ],
            }
            for page, found in self.found.items()
        }
        assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)


@pytest.fixture(scope="session")
def auditor():
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTEFACTS.glob("*.png"):
        old.unlink()
    auditor = Auditor(folder=ARTEFACTS)
    yield auditor
    report = {
        "tags": axe.TAGS,
        "seconds_checking": round(auditor.seconds, 1),
        "pages": auditor.checked,
        "violations": auditor.found,
    }
    (ARTEFACTS / "axe.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def new_page(chromium, portal, request):
    """A fresh browser context (its own cookies) per person, in Dutch, allowed to add axe to
    the page (the portal's CSP allows no inline script: the test bypasses it, not the app)."""
    contexts = []
    errors: list[str] = []  # scripts that failed in a page

    def make(viewport=DESKTOP, *, phone: bool = False):
        context = chromium.new_context(
            viewport=viewport,
            locale="nl-NL",
            bypass_csp=True,
            accept_downloads=True,
            is_mobile=phone,
            has_touch=phone,
            reduced_motion="reduce",  # no transitions half-way when axe measures colours
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        return page

    yield make
    failed = (
        getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    )
    for number, context in enumerate(contexts):
        if failed:  # where each person's page was when the test failed
            for page in context.pages:
                name = f"failed-{request.node.name}-{number}.png"
                page.screenshot(path=str(ARTEFACTS / name), full_page=True)
        context.close()
    assert not errors, errors
