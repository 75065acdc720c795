"""A task that cannot be queued after a commit does not undo or fail the change."""

import logging
import time

import pytest
from celery import Celery

from dimpact_portal import queueing
from dimpact_portal.queueing import enqueue_on_commit
from members import services
from members.models import ChangeProposal

# A broker on a port where nothing listens: queuing fails the way it does while Redis is down.
unreachable = Celery("unreachable", broker="redis://127.0.0.1:9/0", set_as_current=False)
unreachable.conf.update(
    broker_connection_timeout=1,
    broker_connection_retry=False,
    broker_transport_options={"max_retries": 0},
    task_always_eager=False,
)


@unreachable.task(name="tests.unreachable_task")
def unreachable_task(pk):  # never runs
    return pk


@pytest.fixture(autouse=True)
def _broker_up_again(monkeypatch):
    # The "broker down" mark is per process: keep it from leaking into the next tests.
    monkeypatch.setattr(queueing, "_down_until", 0.0)


def test_broker_down_is_logged_and_the_change_stays(
    db, secretary_a, member_a, django_capture_on_commit_callbacks, caplog
):
    with (
        caplog.at_level(logging.WARNING, logger="dimpact_portal.queueing"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        proposal = services.change_proposal_submit(
            member=member_a, proposed_by=secretary_a, changes={"member": {"inhabitants": 1}}
        )
        enqueue_on_commit(unreachable_task, proposal.pk)
    assert ChangeProposal.objects.filter(pk=proposal.pk).exists()
    assert "could not queue tests.unreachable_task" in caplog.text
    # One line, no traceback: the log says what was left, not how the transport failed.
    assert "Traceback" not in caplog.text
    assert queueing.broker_seems_down()


def test_while_the_broker_seems_down_requests_do_not_wait_for_it(
    db, secretary_a, member_a, django_capture_on_commit_callbacks, caplog, monkeypatch
):
    monkeypatch.setattr(queueing, "_down_until", time.monotonic() + 60)
    started = time.monotonic()
    with (
        caplog.at_level(logging.WARNING, logger="dimpact_portal.queueing"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        enqueue_on_commit(unreachable_task, 1)
    assert time.monotonic() - started < 0.1
    assert "left for later" in caplog.text
