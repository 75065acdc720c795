"""Checks for uploaded documents (annexes, signed proxies): PDF by content, within a size."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def validate_pdf_upload(upload, *, max_bytes: int | None = None) -> None:
    """Refuse anything but a PDF (by its first bytes, not its name) or a file over the limit."""
    max_bytes = max_bytes or settings.UPLOAD_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s is accepted.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
            code="upload-too-large",
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    # A PDF starts with %PDF- (readers accept it within the first kilobyte).
    if b"%PDF-" not in head:
        raise ValidationError(
            _("Only PDF files are accepted; this file is not a PDF."), code="upload-not-pdf"
        )
