"""Writes of the document service: ask for a document, retry one, and (in the worker) render it.

Other apps call `document_request` inside the transaction that changed their object: the
request row commits with that change, the render task is queued on commit, and the sweeper
queues it again if the broker was not reachable. Rendering is idempotent: a document is
claimed, rendered and stored once, whatever the number of deliveries of its task.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import uuid
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dimpact_portal.queueing import enqueue_on_commit
from documents import tasks
from documents.constants import DocumentStatus
from documents.kinds import kind_spec
from documents.models import RenderedDocument, document_upload_to
from documents.pdf import RenderedPDF, render_to_pdf

if TYPE_CHECKING:
    from accounts.models import User

logger = logging.getLogger(__name__)


class RenderOutcome(StrEnum):
    READY = "ready"
    SKIPPED = "skipped"
    RETRY = "retry"
    FAILED = "failed"


# Kinds whose rendered PDF an app completes in the worker (the meeting pack merges its annexes):
# `compose(rendered, context) -> RenderedPDF`, registered in the app's `AppConfig.ready()`.
Composer = Callable[[RenderedPDF, dict[str, Any]], RenderedPDF]
_COMPOSERS: dict[str, Composer] = {}


def register_composer(kind: str, compose: Composer) -> None:
    _COMPOSERS[str(kind)] = compose


def pdf_render(*, template: str, context: dict[str, Any], archival: bool = False) -> RenderedPDF:
    """A PDF made from `template` and `context` at once, not stored as a document (the demo
    data's annexes); `.content` holds its bytes, `.page_count` its pages."""
    return render_to_pdf(template, context, archival=archival)


def input_digest(*, kind: str, context: dict[str, Any], archival: bool) -> str:
    spec = kind_spec(kind)
    canonical = json.dumps(
        {"kind": kind, "revision": spec.revision, "archival": archival, "input": context},
        sort_keys=True,
        separators=(",", ":"),
        cls=DjangoJSONEncoder,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def document_request(
    *,
    kind: str,
    source: models.Model,
    context: dict[str, Any],
    title: str,
    requested_by: User | None = None,
    archival: bool | None = None,
) -> RenderedDocument:
    """The document of `kind` for `source` made from `context`: the existing one when the
    input is unchanged, otherwise a new version, queued for rendering when the caller commits."""
    spec = kind_spec(kind)
    archival = spec.archival if archival is None else archival
    # The stored input is what JSON gives back, so that the digest of a re-request matches.
    context = json.loads(json.dumps(context, cls=DjangoJSONEncoder))
    digest = input_digest(kind=kind, context=context, archival=archival)
    source_type = ContentType.objects.get_for_model(source)
    same_input = RenderedDocument.objects.filter(
        kind=kind, source_type=source_type, source_id=str(source.pk), input_digest=digest
    )
    for _attempt in range(5):
        existing = same_input.first()
        if existing is not None:
            return existing
        latest = RenderedDocument.objects.filter(
            kind=kind, source_type=source_type, source_id=str(source.pk)
        ).aggregate(Max("version"))["version__max"]
        document = RenderedDocument(
            kind=kind,
            source_type=source_type,
            source_id=str(source.pk),
            version=(latest or 0) + 1,
            title=title[:255],
            context=context,
            input_digest=digest,
            archival=archival,
            requested_by=requested_by,
        )
        document.full_clean(validate_unique=False, validate_constraints=False)
        try:
            # A savepoint: a concurrent request for the same input or version loses here and
            # takes the winner's row, without breaking the caller's transaction.
            with transaction.atomic():
                document.save()
        except IntegrityError:
            continue
        enqueue_on_commit(tasks.render_document, document.pk)
        return document
    raise RuntimeError("could not store the document request after 5 attempts")


def document_retry(*, document: RenderedDocument) -> RenderedDocument:
    """Queue a failed document again (after its cause was fixed); other states are left alone."""
    with transaction.atomic():
        document = RenderedDocument.objects.select_for_update().get(pk=document.pk)
        if document.status != DocumentStatus.FAILED:
            return document
        document.status = DocumentStatus.QUEUED
        document.queued_at = timezone.now()
        document.save(update_fields=["status", "queued_at"])
        enqueue_on_commit(tasks.render_document, document.pk)
    return document


def documents_sweep(*, now: datetime.datetime | None = None) -> int:
    """Queue again what was forgotten: requests whose task was never delivered, and renders
    whose worker died. Returns how many documents were queued."""
    now = now or timezone.now()
    config = settings.DOCUMENTS
    queued_before = now - datetime.timedelta(seconds=config["requeue_after_seconds"])
    claimed_before = now - datetime.timedelta(seconds=config["rendering_stale_seconds"])
    count = 0
    with transaction.atomic():
        stale = (
            RenderedDocument.objects.select_for_update(skip_locked=True)
            .filter(
                models.Q(status=DocumentStatus.QUEUED, queued_at__lt=queued_before)
                | models.Q(status=DocumentStatus.RENDERING, claimed_at__lt=claimed_before)
            )
            .order_by("queued_at")[:500]
        )
        for document in stale:
            if document.status == DocumentStatus.RENDERING:
                logger.warning("document %s: its render was abandoned; queued again", document.pk)
            document.status = DocumentStatus.QUEUED
            document.claim_token = None
            document.queued_at = now
            document.save(update_fields=["status", "claim_token", "queued_at"])
            enqueue_on_commit(tasks.render_document, document.pk)
            count += 1
    if count:
        # The secretariat's log line (the home page shows the same): work waited for the
        # broker or a worker.
        logger.warning("documents: %s waited longer than expected and were queued again", count)
    return count


def _attempt_name(document: RenderedDocument, attempt: int) -> str:
    return document_upload_to(document, f"{document.public_id}-{attempt}.pdf")


def _claim(document_id: int) -> RenderedDocument | None:
    stale_before = timezone.now() - datetime.timedelta(
        seconds=settings.DOCUMENTS["rendering_stale_seconds"]
    )
    with transaction.atomic():
        document = RenderedDocument.objects.select_for_update().filter(pk=document_id).first()
        if document is None or document.status in (DocumentStatus.READY, DocumentStatus.FAILED):
            return None
        if document.status == DocumentStatus.RENDERING and document.claimed_at >= stale_before:
            return None  # another delivery of this task is rendering it right now
        if document.attempts:
            # A worker that died after storing its file but before finishing leaves it behind.
            previous = _attempt_name(document, document.attempts)
            if document.file.storage.exists(previous):
                document.file.storage.delete(previous)
        document.status = DocumentStatus.RENDERING
        document.claim_token = uuid.uuid4()
        document.claimed_at = timezone.now()
        document.attempts += 1
        document.save(update_fields=["status", "claim_token", "claimed_at", "attempts"])
    return document


def _release(document: RenderedDocument, *, status: str, reason: str) -> bool:
    """Give up the claim, as queued (to retry) or failed; False if the claim was lost."""
    with transaction.atomic():
        updated = RenderedDocument.objects.filter(
            pk=document.pk, claim_token=document.claim_token
        ).update(
            status=status,
            error=reason[:2000],
            claim_token=None,
            queued_at=timezone.now(),
            finished_at=timezone.now() if status == DocumentStatus.FAILED else None,
        )
    return bool(updated)


def _render_pdf(document: RenderedDocument, template: str) -> RenderedPDF:
    rendered = render_to_pdf(
        template, {**document.context, "title": document.title}, archival=document.archival
    )
    compose = _COMPOSERS.get(document.kind)
    return rendered if compose is None else compose(rendered, document.context)


def document_render(*, document_id: int, final_attempt: bool = True) -> RenderOutcome:
    """Render a queued document and store its PDF (run by the worker's task)."""
    document = _claim(document_id)
    if document is None:
        return RenderOutcome.SKIPPED
    spec = kind_spec(document.kind)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            rendered = _render_pdf(document, spec.template)
        except OSError as error:
            return _transient(
                document, _("Rendering failed: %(error)s") % {"error": error}, final_attempt
            )
        except Exception as error:  # a template or layout error: rendering again will not help
            logger.exception("document %s could not be rendered", document.pk)
            _release(
                document,
                status=DocumentStatus.FAILED,
                reason=_("The document could not be rendered: %(error)s") % {"error": error},
            )
            return RenderOutcome.FAILED
        storage = document.file.storage
        name = _attempt_name(document, document.attempts)
        try:
            stored_name = storage.save(name, ContentFile(rendered.content))
        except OSError as error:
            return _transient(
                document,
                _("The file could not be stored: %(error)s") % {"error": error},
                final_attempt,
            )
    try:
        with transaction.atomic():
            finished = RenderedDocument.objects.filter(
                pk=document.pk, claim_token=document.claim_token, status=DocumentStatus.RENDERING
            ).update(
                status=DocumentStatus.READY,
                file=stored_name,
                size=len(rendered.content),
                sha256=hashlib.sha256(rendered.content).hexdigest(),
                page_count=rendered.page_count,
                error="",
                claim_token=None,
                finished_at=timezone.now(),
            )
    except DatabaseError:
        storage.delete(stored_name)
        raise
    if not finished:
        # The sweeper gave this render up for dead and another took over: keep only theirs.
        storage.delete(stored_name)
        return RenderOutcome.SKIPPED
    return RenderOutcome.READY


def _transient(document: RenderedDocument, reason: str, final_attempt: bool) -> RenderOutcome:
    logger.warning("document %s: %s", document.pk, reason)
    if final_attempt:
        _release(document, status=DocumentStatus.FAILED, reason=reason)
        return RenderOutcome.FAILED
    _release(document, status=DocumentStatus.QUEUED, reason=reason)
    return RenderOutcome.RETRY
