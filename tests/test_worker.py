"""A real Celery worker against Redis runs the portal's tasks on the same database.

Runs where REDIS_URL is set and the database is one another process can open (PostgreSQL
in CI); `.ci/run` sets REQUIRE_WORKER=1 so that there it fails instead of skipping.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from accounts.constants import Role
from dimpact_portal.celery import app
from members import services, tasks
from tests.accounts.factories import UserFactory
from tests.members.factories import MandateFactory, MemberFactory

BASE = Path(__file__).resolve().parent.parent


def _unavailable_reason() -> str | None:
    if not settings.REDIS_URL:
        return "REDIS_URL is not set"
    if connection.vendor != "postgresql":
        return "the worker needs a database another process can open (PostgreSQL)"
    return None


@pytest.fixture
def worker(transactional_db, tmp_path):
    reason = _unavailable_reason()
    if reason:
        if os.environ.get("REQUIRE_WORKER") == "1":
            pytest.fail(f"real-worker test required but {reason}")
        pytest.skip(reason)
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    )
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "DEBUG": "1",
        "SECURE": "0",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "dimpact_portal",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            f"--hostname=test-{os.getpid()}@%h",
        ],
        cwd=BASE,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=1.0):
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read() if process.poll() is not None else ""
                pytest.fail(f"the Celery worker did not start: {output}")
        yield mail_dir
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.worker
def test_worker_sends_the_secretariat_mail_for_a_proposal(worker):
    member = MemberFactory(name="Gemeente Werker")
    secretary = UserFactory(username="secretary-worker")
    MandateFactory(member=member, user=secretary, name="S. Werker")
    UserFactory(username="staff-worker", roles=[Role.SECRETARIAT], email="staff@example.org")

    # Through the service: queued on commit, picked up by the worker, mailed to a file.
    proposal = services.change_proposal_submit(
        member=member, proposed_by=secretary, changes={"member": {"inhabitants": 4242}}
    )
    deadline = time.monotonic() + 60
    while not (worker.exists() and any(worker.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.2)
    mails = [path.read_text() for path in worker.iterdir()] if worker.exists() else []
    assert any("Gemeente Werker" in text and "staff@example.org" in text for text in mails)

    # And a result that travels back through Redis: one e-mail sent.
    result = tasks.notify_change_proposal_submitted.delay(proposal.pk)
    assert result.get(timeout=60) == 1
