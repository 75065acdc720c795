"""The production shape runs: collectstatic, the web server (granian, `dimpact_portal.server`)
with DEBUG off behind TLS, Celery beat."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from email.message import Message
from pathlib import Path

import pytest

from tests.processes import BASE, celery, require_services, running, test_database_url, web_server

HOST = "portaal.dimpact.example"


def _production_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SECURE", "DEBUG"}}
    env.update(
        DEBUG="0",
        SECRET_KEY="k7#Qm2$vX9!pL4@wR8^tY1&zN6*bH3(cJ5)dF0_gS7+eA2=uK9",
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=test_database_url(),
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        STATIC_BROTLI="0",  # gzip only: brotli would add a minute to collectstatic
    )
    return env


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str) -> tuple[int, Message, bytes]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers={"Host": HOST, "X-Forwarded-Proto": "https"},
    )
    # The first page of a cold worker may take seconds on a busy machine.
    with urllib.request.urlopen(request, timeout=60) as response:
        # Header names compare without case (the server sends them in lower case).
        return response.status, response.headers, response.read()


@pytest.mark.worker
def test_the_web_server_serves_pages_and_hashed_static_files_with_debug_off(
    transactional_db, tmp_path
):
    require_services(redis=False)
    env = _production_env(tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE,
        env=env,
        check=True,
        timeout=300,
    )
    port = _free_port()
    command = web_server(port)
    with running(command, env) as server:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, headers, body = _get(port, "/")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        page = body.decode()
        assert status == 200
        assert "Strict-Transport-Security" in headers
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        css = next(part.split('"')[0] for part in page.split('href="') if "bootstrap.min" in part)
        assert css.startswith("/static/vendor/bootstrap/css/bootstrap.min.")  # hashed name
        status, headers, body = _get(port, css)
        assert status == 200
        assert "max-age=315360000" in headers["Cache-Control"]
        assert b"Bootstrap" in body[:200]


@pytest.mark.worker
def test_celery_beat_starts_with_the_named_schedule(transactional_db, tmp_path):
    require_services(redis=True)
    command = celery("beat", "--loglevel=DEBUG", "--schedule", str(tmp_path / "beat-schedule"))
    with running(command, _production_env(tmp_path)) as beat:
        time.sleep(6)
        assert beat.poll() is None, "beat stopped by itself"
        beat.terminate()
        output, _ = beat.communicate(timeout=30)
    assert "beat: Starting" in output
    assert "members-remind-pending-change-proposals" in output
