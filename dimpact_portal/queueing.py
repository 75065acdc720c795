"""Queue a Celery task once the surrounding transaction commits, without failing the request.

The change that asked for the task is already committed when the task is sent; if the broker
is down, the user must still see their change saved. Use it only for tasks whose outcome the
portal also shows (a notification of a state kept in the database), so that a task that could
not be queued loses no information.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task: Task, *args: Any) -> None:
    transaction.on_commit(lambda: _send(task, args))


def _send(task: Task, args: tuple[Any, ...]) -> None:
    try:
        task.apply_async(args=args, retry=False)
    except Exception:  # the broker's errors vary by transport; none may fail the request
        logger.exception("could not queue %s%r", task.name, args)
