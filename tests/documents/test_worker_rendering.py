"""The document service with a real Celery worker against Redis and PostgreSQL."""

import dataclasses
import hashlib
import time

import pytest
from django.db import transaction

from documents import demo, services, tasks
from documents.constants import DocumentKind, DocumentStatus
from documents.models import RenderedDocument
from tests.documents.helpers import pdf_text, request_letter
from tests.documents.test_rendering import listener  # noqa: F401  (a fixture)
from tests.members.factories import MemberFactory
from tests.processes import celery_worker, require_services, worker_env

pytestmark = pytest.mark.worker


@pytest.fixture
def media(transactional_db, settings, tmp_path):
    require_services(redis=True)
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def env(media):
    return worker_env(
        MEDIA_ROOT=str(media), DOCUMENTS_RENDER_RETRIES="1", DOCUMENTS_RETRY_BACKOFF_SECONDS="0.2"
    )


@pytest.fixture
def member(transactional_db):
    return MemberFactory(name="gemeente Deventer")


def wait_for_status(document, *statuses, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        document.refresh_from_db()
        if document.status in statuses:
            return document
        time.sleep(0.05)
    pytest.fail(f"document stayed {document.status}, expected {statuses}: {document.error}")


def pdf_files(media):
    return sorted(media.rglob("*.pdf")) if media.exists() else []


def request(member, **kwargs):
    with transaction.atomic():  # queued when this commits, as in a request
        return request_letter(member, **kwargs)


def test_worker_renders_a_letter_that_reads_back(env, media, member):
    with celery_worker(env):
        document = wait_for_status(request(member), DocumentStatus.READY, DocumentStatus.FAILED)

        assert document.status == DocumentStatus.READY, document.error
        content = document.file.read()
        assert content.startswith(b"%PDF-")
        text = " ".join(pdf_text(content).split())
        assert "gemeente Deventer" in text and "Karin Cornelissen" in text
        assert document.sha256 == hashlib.sha256(content).hexdigest()

        # The same request twice, and the task delivered twice more: still one file.
        assert request(member).pk == document.pk
        for _ in range(2):
            assert tasks.render_document.delay(document.pk).get(timeout=60) == "skipped"
    assert RenderedDocument.objects.count() == 1
    assert len(pdf_files(media)) == 1


def test_forced_failure_reports_the_reason_and_a_retry_succeeds(env, media, member):
    media.mkdir(parents=True)
    (media / "documents").write_text("a file where the folder must go")
    with celery_worker(env):
        document = wait_for_status(request(member), DocumentStatus.FAILED, DocumentStatus.READY)

        assert document.status == DocumentStatus.FAILED
        assert document.error.startswith("Het bestand kon niet worden opgeslagen")
        assert document.attempts == 2  # the first try and one retry after back-off

        (media / "documents").unlink()
        with transaction.atomic():
            services.document_retry(document=document)
        document = wait_for_status(document, DocumentStatus.READY, DocumentStatus.FAILED)
    assert document.status == DocumentStatus.READY
    assert document.error == ""
    assert len(pdf_files(media)) == 1


def test_hostile_user_text_fetches_nothing(env, media, member, listener):  # noqa: F811
    base, hits = listener
    data = demo.decision_list_2020_03_10()
    hostile = dataclasses.replace(
        data.decisions[0],
        text=f'<img src="file:///etc/passwd"> <img src="{base}/probe.png">'
        '<link rel="attachment" href="file:///etc/passwd">',
    )
    data = dataclasses.replace(data, decisions=(hostile, *data.decisions[1:]))
    with celery_worker(env):
        with transaction.atomic():
            document = services.document_request(
                kind=DocumentKind.DECISION_LIST, source=member, context=data.as_context(), title="x"
            )
        document = wait_for_status(document, DocumentStatus.READY, DocumentStatus.FAILED)
    assert document.status == DocumentStatus.READY
    content = document.file.read()
    assert hits == []
    assert b"/EmbeddedFile" not in content
    assert "root:" not in pdf_text(content)


def test_worker_killed_mid_render_ends_ready_exactly_once(env, media, member, settings):
    data = demo.decision_list_2020_03_10(repeat=150)  # some 30 pages: seconds to render
    with celery_worker(env, name="doomed") as doomed:
        with transaction.atomic():
            document = services.document_request(
                kind=DocumentKind.DECISION_LIST,
                source=member,
                context=data.as_context(),
                title="Besluitenlijst",
            )
        wait_for_status(document, DocumentStatus.RENDERING, timeout=60)
        doomed.kill()  # SIGKILL: no warm shutdown, the message is never acknowledged
        doomed.wait()

    document.refresh_from_db()
    assert document.status == DocumentStatus.RENDERING
    assert pdf_files(media) == []

    # The sweeper finds the abandoned render (the worker's hard time limit, here: now).
    settings.DOCUMENTS = {**settings.DOCUMENTS, "rendering_stale_seconds": 0}
    with celery_worker(env, name="survivor"):
        with transaction.atomic():
            assert services.documents_sweep() == 1
        document = wait_for_status(document, DocumentStatus.READY, DocumentStatus.FAILED)

    assert document.status == DocumentStatus.READY
    assert document.attempts == 2
    files = pdf_files(media)
    assert len(files) == 1
    assert hashlib.sha256(files[0].read_bytes()).hexdigest() == document.sha256
    assert document.page_count > 10
