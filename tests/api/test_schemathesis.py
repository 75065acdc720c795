"""Fuzzing the API against its own OpenAPI document: schemathesis against the web server on the test
database (PostgreSQL), authenticated with a token and anonymous. No server error, and no
status, content type, header or body the document does not allow. Bounded: a few examples per
operation (make api-lint; about two minutes)."""

import io
import re
import subprocess
import time
import urllib.request

import pytest
from django.core.management import call_command

from accounts import tokens
from accounts.models import User
from tests.processes import BIN, require_services, running, test_database_url, web_server
from tests.test_production_shape import _free_port

CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)
MAX_EXAMPLES = "5"


def _env(tmp_path):
    import os

    return {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "DEBUG": "1",
        "SECURE": "0",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }


def _fuzz(port: int, folder, *headers: str) -> str:
    command = [
        str(BIN / "schemathesis"), "run", f"http://127.0.0.1:{port}/api/v1/openapi.json",
        "--checks", CHECKS, "--max-examples", MAX_EXAMPLES, "--seed", "15",
        "--phases", "examples,coverage,fuzzing", "--request-timeout", "20",
        "--suppress-health-check", "all", "--mode", "positive",
    ]  # fmt: skip
    for header in headers:
        command += ["--header", header]
    # its reports and example database go to the test's folder, not the checkout
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=folder)
    print(done.stdout[-6000:])
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    return done.stdout


@pytest.mark.api_fuzz
def test_the_api_keeps_to_its_schema_for_a_token_and_for_the_anonymous(transactional_db, tmp_path):
    require_services(redis=False)
    call_command("load_seed", stdout=io.StringIO())
    _, plain = tokens.token_create(
        user=User.objects.get(username="secretariaat"), name="fuzz", days=30
    )
    port = _free_port()
    command = web_server(port, workers=3)
    with running(command, _env(tmp_path)) as server:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=5)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        with_token = _fuzz(port, tmp_path, f"Authorization: Bearer {plain}")
        anonymous = _fuzz(port, tmp_path)
    for output in (with_token, anonymous):
        assert re.search(r"\d+ passed", output) or "passed" in output.lower()
