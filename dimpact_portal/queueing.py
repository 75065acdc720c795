"""Queue a Celery task once the surrounding transaction commits, without failing the request.

The change that asked for the task is already committed when the task is sent; if the broker
is down, the user must still see their change saved. Use it only for tasks whose outcome the
portal also shows, or that a beat task sends again (a document still queued is queued again by
`documents-sweep`), so that a task that could not be queued loses no information.

A request waits at most `PUBLISH_WAIT_SECONDS` for the broker: a frozen Redis accepts the
connection and never answers, and the socket timeouts Celery needs in its workers are longer
than a page may take. The publish goes on in its thread after the request has moved on. After a
failure or a wait that ran out, requests skip the broker for `BROKER_DOWN_SECONDS` (logged once).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)

PUBLISH_WAIT_SECONDS = 0.5
BROKER_DOWN_SECONDS = 10.0

_down_until = 0.0


def enqueue_on_commit(task: Task, *args: Any) -> None:
    transaction.on_commit(lambda: _send(task, args))


def broker_seems_down() -> bool:
    """Whether a request of this process found the broker unavailable a moment ago."""
    return time.monotonic() < _down_until


def _send(task: Task, args: tuple[Any, ...]) -> None:
    if task.app.conf.task_always_eager:
        # The embedded default: the task runs here and now, as `make run` expects.
        try:
            task.apply_async(args=args, retry=False)
        except Exception:  # a failing task must not fail the request that queued it
            logger.exception("task %s%r failed", task.name, args)
        return
    if broker_seems_down():
        logger.warning("broker unavailable: %s%r left for later", task.name, args)
        return
    sender = threading.Thread(target=_publish, args=(task, args), daemon=True)
    sender.start()
    sender.join(PUBLISH_WAIT_SECONDS)
    if sender.is_alive():
        _mark_down(f"no answer within {PUBLISH_WAIT_SECONDS} s")


def _publish(task: Task, args: tuple[Any, ...]) -> None:
    try:
        task.apply_async(args=args, retry=False)
    except Exception as error:  # the broker's errors vary by transport; none may fail the request
        _mark_down(error)
        logger.warning("could not queue %s%r: %s", task.name, args, error)


def _mark_down(reason: object) -> None:
    global _down_until
    if not broker_seems_down():
        logger.warning(
            "broker unavailable, tasks left for later for %s s: %s", BROKER_DOWN_SECONDS, reason
        )
    _down_until = time.monotonic() + BROKER_DOWN_SECONDS
