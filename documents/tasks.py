"""Celery tasks of the document service: render one document; sweep up forgotten ones."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import DatabaseError


@shared_task(bind=True, acks_late=True, max_retries=None)
def render_document(self, document_id: int) -> str:
    from documents.services import RenderOutcome, document_render

    retries = settings.DOCUMENTS["render_retries"]
    backoff = settings.DOCUMENTS["retry_backoff_seconds"] * 2**self.request.retries
    try:
        outcome = document_render(
            document_id=document_id, final_attempt=self.request.retries >= retries
        )
    except DatabaseError as error:
        # The database went away mid-render; the claim ages out and the sweeper re-queues if
        # the retries run out.
        if self.request.retries >= retries:
            raise
        raise self.retry(exc=error, countdown=backoff) from error
    if outcome == RenderOutcome.RETRY:
        raise self.retry(countdown=backoff)
    return outcome.value


@shared_task
def sweep_documents() -> int:
    from documents.services import documents_sweep

    return documents_sweep()
