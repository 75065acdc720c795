"""The document service: one document per input, new versions for new input, and a render that
stores its file once, retries what is transient and tells why it failed."""

import datetime
import hashlib

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from documents import services, tasks
from documents.constants import DocumentStatus
from documents.models import RenderedDocument
from tests.documents.helpers import pdf_text, request_letter
from tests.members.factories import MemberFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def member(db):
    return MemberFactory(name="gemeente Deventer")


def _pdf_files(media):
    return sorted(media.rglob("*.pdf")) if media.exists() else []


def test_request_is_stored_and_queued_on_commit(member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        document = request_letter(member)

    assert document.status == DocumentStatus.QUEUED
    assert document.version == 1
    assert document.archival is True
    assert document.context["letter"]["holder_name"] == "Karin Cornelissen"
    assert len(callbacks) == 1


def test_asking_twice_for_the_same_input_gives_the_same_document(
    member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        first = request_letter(member)
        second = request_letter(member)

    assert second.pk == first.pk
    assert RenderedDocument.objects.count() == 1
    assert len(callbacks) == 1  # no second task for the same input


def test_changed_input_gives_a_new_version_and_keeps_the_old(member, media):
    first = request_letter(member)
    services.document_render(document_id=first.pk)
    second = request_letter(member, holder="Johan Dijkstra")
    services.document_render(document_id=second.pk)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.version, second.version) == (1, 2)
    assert first.status == second.status == DocumentStatus.READY
    assert "Karin Cornelissen" in pdf_text(first.file.read())
    assert "Johan Dijkstra" in pdf_text(second.file.read())
    assert len(_pdf_files(media)) == 2


def test_render_stores_the_pdf_with_its_digest(member, media):
    document = request_letter(member)

    assert services.document_render(document_id=document.pk) == services.RenderOutcome.READY

    document.refresh_from_db()
    content = document.file.read()
    assert document.status == DocumentStatus.READY
    assert document.size == len(content)
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.page_count == 1
    assert document.attempts == 1
    assert document.finished_at is not None
    assert "gemeente Deventer" in pdf_text(content)


def test_a_second_delivery_of_the_task_renders_nothing(member, media):
    document = request_letter(member)
    tasks.render_document.apply(args=[document.pk]).get()

    assert tasks.render_document.apply(args=[document.pk]).get() == "skipped"

    document.refresh_from_db()
    assert document.attempts == 1
    assert len(_pdf_files(media)) == 1


def test_a_render_in_progress_is_not_taken_over(member):
    document = request_letter(member)
    RenderedDocument.objects.filter(pk=document.pk).update(
        status=DocumentStatus.RENDERING, claimed_at=timezone.now()
    )
    assert services.document_render(document_id=document.pk) == services.RenderOutcome.SKIPPED


def test_storage_fault_is_retried_then_fails_with_the_reason(member, media):
    media.mkdir(parents=True)
    (media / "documents").write_text("in the way")  # a file where the folder must go
    document = request_letter(member)

    outcome = services.document_render(document_id=document.pk, final_attempt=False)
    document.refresh_from_db()
    assert outcome == services.RenderOutcome.RETRY
    assert document.status == DocumentStatus.QUEUED
    assert "Het bestand kon niet worden opgeslagen" in document.error

    outcome = services.document_render(document_id=document.pk, final_attempt=True)
    document.refresh_from_db()
    assert outcome == services.RenderOutcome.FAILED
    assert document.status == DocumentStatus.FAILED
    assert "Het bestand kon niet worden opgeslagen" in document.error
    assert document.attempts == 2

    # Once the cause is gone, a retry by a person renders it.
    (media / "documents").unlink()
    services.document_retry(document=document)
    document.refresh_from_db()
    assert document.status == DocumentStatus.QUEUED
    assert services.document_render(document_id=document.pk) == services.RenderOutcome.READY


def test_a_template_error_fails_at_once(member, monkeypatch):
    from documents import kinds

    document = request_letter(member)
    broken = kinds.KindSpec("documents/pdf/does-not-exist.html", archival=True)
    monkeypatch.setitem(kinds.KINDS, document.kind, broken)

    outcome = services.document_render(document_id=document.pk, final_attempt=False)

    document.refresh_from_db()
    assert outcome == services.RenderOutcome.FAILED
    assert "Het document kon niet worden opgemaakt" in document.error


def test_sweeper_requeues_forgotten_and_abandoned_documents(
    member, settings, django_capture_on_commit_callbacks
):
    forgotten = request_letter(member)
    abandoned = request_letter(member, holder="Johan Dijkstra")
    recent = request_letter(member, holder="Koen Radstake")
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    RenderedDocument.objects.filter(pk=forgotten.pk).update(queued_at=long_ago)
    RenderedDocument.objects.filter(pk=abandoned.pk).update(
        status=DocumentStatus.RENDERING, claimed_at=long_ago, attempts=1
    )

    with django_capture_on_commit_callbacks() as callbacks:
        assert services.documents_sweep() == 2

    assert len(callbacks) == 2
    abandoned.refresh_from_db()
    recent.refresh_from_db()
    assert abandoned.status == DocumentStatus.QUEUED
    assert recent.queued_at > long_ago


def test_an_abandoned_attempts_file_is_removed_before_rendering_again(member, media):
    document = request_letter(member)
    RenderedDocument.objects.filter(pk=document.pk).update(status=DocumentStatus.QUEUED, attempts=1)
    leftover = services._attempt_name(document, 1)
    default_storage.save(leftover, __import__("io").BytesIO(b"%PDF-partial"))

    services.document_render(document_id=document.pk)

    document.refresh_from_db()
    assert not default_storage.exists(leftover)
    assert [path.name for path in _pdf_files(media)] == [f"{document.public_id}-2.pdf"]
