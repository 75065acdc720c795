"""What other apps read of the document service: a source's documents, its latest one, a
refusal that names its rule, and the PDF helper and upload checks they share."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import selectors, services
from documents.constants import DocumentKind, DocumentStatus
from documents.uploads import validate_pdf_upload
from tests.documents.helpers import pdf_text, request_letter
from tests.members.factories import MemberFactory


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_the_documents_of_a_source_newest_first(member_a, member_b):
    first = request_letter(member_a)
    second = request_letter(member_a, holder="Johan Dijkstra")
    request_letter(member_b)
    assert list(selectors.documents_of_source(member_a)) == [second, first]
    assert list(selectors.documents_of_source(member_a, kind=DocumentKind.AGENDA)) == []


def test_the_latest_document_and_the_latest_ready_one(member_a):
    assert selectors.document_latest(kind=DocumentKind.PROXY_LETTER, source=member_a) is None
    first = request_letter(member_a)
    services.document_render(document_id=first.pk)
    second = request_letter(member_a, holder="Johan Dijkstra")
    assert selectors.document_latest(kind=DocumentKind.PROXY_LETTER, source=member_a) == second
    latest_ready = selectors.document_latest(
        kind=DocumentKind.PROXY_LETTER, source=member_a, ready=True
    )
    assert latest_ready == first


def test_the_status_of_each_sources_latest_document(member_a, member_b):
    first = request_letter(member_a)
    services.document_render(document_id=first.pk)
    request_letter(member_b)
    unasked = MemberFactory()
    statuses = selectors.document_statuses_latest(
        kind=DocumentKind.PROXY_LETTER, sources=[member_a, member_b, unasked]
    )
    assert statuses == {
        str(member_a.pk): DocumentStatus.READY,
        str(member_b.pk): DocumentStatus.QUEUED,
    }
    assert selectors.document_statuses_latest(kind=DocumentKind.PROXY_LETTER, sources=[]) == {}


def test_a_document_of_another_member_is_refused_by_name(member_a, secretary_b):
    letter = request_letter(member_a)
    with pytest.raises(PermissionDenied) as excinfo:
        selectors.document_for_user(secretary_b, letter.public_id)
    assert excinfo.value.code == "document-not-readable"


def test_pdf_render_makes_a_pdf_without_storing_a_document():
    rendered = services.pdf_render(
        template="meetings/pdf/seed_annex.html", context={"title": "Bijlage 1a", "body": "Tekst"}
    )
    assert rendered.content.startswith(b"%PDF-")
    assert "Bijlage 1a" in pdf_text(rendered.content)


@pytest.mark.parametrize(
    ("content", "max_bytes", "code"),
    [
        (b"not a pdf at all", None, "upload-not-pdf"),
        (b"%PDF-1.7" + b"x" * 100, 10, "upload-too-large"),
    ],
)
def test_uploads_are_refused_by_name(content, max_bytes, code):
    upload = SimpleUploadedFile("bijlage.pdf", content, content_type="application/pdf")
    with pytest.raises(ValidationError) as excinfo:
        validate_pdf_upload(upload, max_bytes=max_bytes)
    assert excinfo.value.code == code
