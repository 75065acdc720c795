"""Uploads are parsed, not sniffed; a body over the limit is refused before it is stored."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from documents.uploads import validate_pdf_upload
from tests.meetings.factories import PDF


def _pdf(**catalog) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    for key, value in catalog.items():
        writer._root_object[NameObject(f"/{key}")] = value
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _refusal(content: bytes) -> str:
    with pytest.raises(ValidationError) as excinfo:
        validate_pdf_upload(SimpleUploadedFile("bijlage.pdf", content, "application/pdf"))
    return excinfo.value.code


def test_a_plain_pdf_is_accepted():
    validate_pdf_upload(SimpleUploadedFile("bijlage.pdf", PDF, "application/pdf"))
    validate_pdf_upload(SimpleUploadedFile("bijlage.pdf", _pdf(), "application/pdf"))


def test_html_with_a_pdf_header_in_its_first_kilobyte_is_refused():
    html = b"<html><!-- %PDF-1.7 --><script>alert(document.cookie)</script></html>"
    assert _refusal(html) == "upload-not-pdf"


def test_a_pdf_that_opens_javascript_is_refused():
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert(1)"),
        }
    )
    assert _refusal(_pdf(OpenAction=action)) == "upload-pdf-javascript"


def test_a_pdf_with_a_launch_action_is_refused():
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}
    )
    assert _refusal(_pdf(OpenAction=action)) == "upload-pdf-launch-action"


def test_a_pdf_with_an_embedded_file_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    writer.add_attachment("payload.exe", b"MZ")
    buffer = io.BytesIO()
    writer.write(buffer)
    assert _refusal(buffer.getvalue()) == "upload-pdf-embedded-file"


def test_a_pdf_with_a_form_is_refused():
    assert _refusal(_pdf(AcroForm=DictionaryObject())) == "upload-pdf-form"


def test_the_refusal_tells_the_uploader_what_was_found():
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("x")}
    )
    with pytest.raises(ValidationError) as excinfo:
        validate_pdf_upload(
            SimpleUploadedFile("b.pdf", _pdf(OpenAction=action, AcroForm=DictionaryObject()))
        )
    assert "JavaScript" in excinfo.value.messages[0]


class EndlessBody:
    """A request body of `size` bytes that counts what is read of it (nothing is held)."""

    def __init__(self, size: int):
        self.size = size
        self.read_bytes = 0

    def read(self, n=-1):
        n = self.size - self.read_bytes if n is None or n < 0 else n
        n = max(0, min(n, self.size - self.read_bytes))
        self.read_bytes += n
        return b"x" * n

    def readline(self, n=-1):
        return self.read(n)


def _post_huge(client, path, size):
    body = EndlessBody(size)
    response = client.generic(
        "POST",
        path,
        b"",
        content_type="multipart/form-data; boundary=BOUNDARY",
        CONTENT_LENGTH=str(size),
        **{"wsgi.input": body},
    )
    return response, body


@pytest.mark.django_db
def test_a_200_megabyte_anonymous_post_is_refused_before_anything_is_stored(
    client, settings, tmp_path
):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    response, body = _post_huge(client, "/accounts/login/", 200 * 1024 * 1024)
    assert response.status_code == 413
    assert body.read_bytes == 0
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_a_logged_in_upload_over_the_limit_is_refused_by_its_length(
    client_for, secretariat, settings, tmp_path
):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    response, body = _post_huge(client_for(secretariat), "/vergaderingen/", 7 * 1024 * 1024)
    assert response.status_code == 413
    assert body.read_bytes == 0


@pytest.mark.django_db
def test_the_upload_handler_stops_a_body_that_streams_past_the_limit(rf, settings, tmp_path):
    from django.contrib.auth.models import AnonymousUser
    from django.http.multipartparser import MultiPartParser

    from documents.uploads import BodyLimitUploadHandler

    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    boundary = "BOUNDARY"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    payload = head + b"x" * 200_000 + f"\r\n--{boundary}--\r\n".encode()
    request = rf.post("/", data=b"", content_type="text/plain")
    request.user = AnonymousUser()
    handlers = [BodyLimitUploadHandler(request)]
    from django.core.files.uploadhandler import TemporaryFileUploadHandler

    handlers.append(TemporaryFileUploadHandler(request))
    meta = {
        "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
        "CONTENT_LENGTH": str(len(payload)),
    }
    _post, files = MultiPartParser(meta, io.BytesIO(payload), handlers).parse()
    assert "file" not in files
    assert request.upload_refused is True
    assert list(tmp_path.iterdir()) == []
