"""A task that cannot be queued after a commit does not undo or fail the change."""

import logging

from celery import Celery

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


def test_broker_down_is_logged_and_the_change_stays(
    db, secretary_a, member_a, django_capture_on_commit_callbacks, caplog
):
    with (
        caplog.at_level(logging.ERROR, logger="dimpact_portal.queueing"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        proposal = services.change_proposal_submit(
            member=member_a, proposed_by=secretary_a, changes={"member": {"inhabitants": 1}}
        )
        enqueue_on_commit(unreachable_task, proposal.pk)
    assert ChangeProposal.objects.filter(pk=proposal.pk).exists()
    assert "could not queue tests.unreachable_task" in caplog.text
