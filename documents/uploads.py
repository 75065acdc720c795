"""Checks for uploaded documents (annexes, signed proxies): a PDF that a PDF parser opens, with
no active content, within a size; and the request-body limits that hold before anything of an
upload is stored.

A PDF is accepted only when pypdf opens it and finds its pages: a file that merely starts like
one (an HTML page with `%PDF-` in its first kilobyte) is refused. Active content is refused,
not removed: a signed proxy or an annex is stored exactly as its uploader sent it, so changing
it would store something nobody signed. The refusal names what was found (JavaScript, a launch
action, an embedded file, a form) so that the uploader can print the document to a plain PDF.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

logger = logging.getLogger(__name__)

# What a PDF may not contain, in the order a refusal names it: code → what the uploader reads.
ACTIVE_CONTENT = {
    "upload-pdf-javascript": gettext_lazy("JavaScript"),
    "upload-pdf-launch-action": gettext_lazy("an action that starts a program or opens a file"),
    "upload-pdf-embedded-file": gettext_lazy("an embedded file"),
    "upload-pdf-form": gettext_lazy("a fillable form"),
}
# A document of an assembly has hundreds of objects; a bound on the walk keeps a crafted file
# from holding a worker for minutes.
MAX_PDF_OBJECTS = 200_000
# A form posted with an upload has a few fields and the multipart boundaries beside the file.
FORM_OVERHEAD_BYTES = 1024 * 1024


def validate_pdf_upload(upload, *, max_bytes: int | None = None) -> None:
    """Refuse a file over the limit, anything a PDF parser does not open as a PDF with pages,
    and a PDF with active content (codes `upload-too-large`, `upload-not-pdf`,
    `upload-pdf-encrypted`, `upload-pdf-too-complex` and those of `ACTIVE_CONTENT`)."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    _check_size(upload, max_bytes)
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if b"%PDF-" not in head:
        raise _not_a_pdf()
    try:
        found = _pdf_active_content(upload)
    finally:
        upload.seek(0)
    if found:
        raise ValidationError(
            _(
                "This PDF contains %(what)s, which the portal does not accept. Save or print it "
                "as a plain PDF and upload that."
            )
            % {"what": ", ".join(str(ACTIVE_CONTENT[code]) for code in found)},
            code=found[0],
        )


def _check_size(upload, max_bytes: int) -> None:
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s is accepted.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="upload-too-large",
        )


def _not_a_pdf() -> ValidationError:
    return ValidationError(
        _("Only PDF files are accepted; this file is not a PDF."), code="upload-not-pdf"
    )


def _pdf_active_content(upload) -> list[str]:
    """The codes of the active content in the PDF `upload`, in `ACTIVE_CONTENT`'s order."""
    from pypdf import PdfReader  # only uploads need the parser

    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("This PDF is encrypted; upload it without a password."),
                code="upload-pdf-encrypted",
            )
        if len(reader.pages) < 1:
            raise _not_a_pdf()
        found = _walk_objects(reader.trailer)
    except ValidationError:
        raise
    except Exception as error:  # any parser failure means: not a PDF we accept
        logger.info("upload refused: the PDF parser failed: %s", error)
        raise _not_a_pdf() from error
    return [code for code in ACTIVE_CONTENT if code in found]


def _walk_objects(root) -> set[str]:
    """Every object reachable from the trailer, looked at once; the active content found."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack = [root]
    visited = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            obj = obj.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            raise ValidationError(
                _("This PDF is too complex to check; save or print it as a plain PDF."),
                code="upload-pdf-too-complex",
            )
        if isinstance(obj, DictionaryObject):
            found |= _dictionary_findings(obj)
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return found


def _dictionary_findings(obj) -> set[str]:
    keys = set(obj.keys())
    action = obj.get("/S")
    found = set()
    if keys & {"/JS", "/JavaScript"} or action in ("/JavaScript", "/Rendition"):
        found.add("upload-pdf-javascript")
    if action in ("/Launch", "/GoToE") or "/Launch" in keys:
        found.add("upload-pdf-launch-action")
    if keys & {"/EmbeddedFiles", "/EF"} or obj.get("/Type") == "/EmbeddedFile":
        found.add("upload-pdf-embedded-file")
    if keys & {"/AcroForm", "/XFA"} or action in ("/SubmitForm", "/ImportData"):
        found.add("upload-pdf-form")
    return found


# The request body: refused before any of it is stored.


def request_body_limit(request) -> int:
    """The largest body `request` may send: a visitor who is not logged in uploads nothing, so
    an ordinary form's size; a logged-in person an upload and its form."""
    if request.user.is_authenticated:
        return settings.UPLOAD_MAX_BYTES + FORM_OVERHEAD_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class RequestBodyLimitMiddleware:
    """Answers 413 to a body larger than `request_body_limit`, by its Content-Length, before
    anything reads it (the CSRF check would parse it, and a multipart parse writes files to
    disk). After the authentication middleware: the limit depends on who is asking."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = _declared_length(request)
        # Only bodies over the smaller limit cost a look at the session.
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE and length > request_body_limit(request):
            logger.warning("request body refused: %s bytes to %s", length, request.path)
            return HttpResponse(
                render_to_string(
                    "413.html", {"limit": request_body_limit(request)}, request=request
                ),
                status=413,
            )
        return self.get_response(request)


class BodyLimitUploadHandler(FileUploadHandler):
    """First of `FILE_UPLOAD_HANDLERS`: counts the bytes as they stream in and stops the upload
    once they pass the limit, before the next handler writes the chunk to a file (for bodies
    whose length was not declared, or lied about under a server that does not enforce it)."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = request_body_limit(self.request) if self.request else settings.UPLOAD_MAX_BYTES
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > getattr(self, "limit", settings.UPLOAD_MAX_BYTES):
            if self.request is not None:
                self.request.upload_refused = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None
