"""A real Celery worker against Redis runs the portal's tasks on the same database."""

import time

import pytest

from accounts.constants import Role
from members import services, tasks
from tests.accounts.factories import UserFactory
from tests.members.factories import MandateFactory, MemberFactory
from tests.processes import celery_worker, require_services, worker_env


@pytest.fixture
def worker(transactional_db, tmp_path):
    """A worker on the test database; yields the folder its e-mails are written to."""
    require_services(redis=True)
    mail_dir = tmp_path / "mail"
    with celery_worker(worker_env(EMAIL_URL=f"filemail:///{mail_dir}")):
        yield mail_dir


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
