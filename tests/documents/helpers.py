"""Shared helpers for document tests: a proxy letter request, and reading a PDF back."""

from __future__ import annotations

import io

from pypdf import PdfReader

from documents import demo, services
from documents.constants import DocumentKind


def request_letter(member, *, requested_by=None, holder="Karin Cornelissen"):
    letter = demo.proxy_letter_deventer()
    letter = type(letter)(
        **{
            **letter.__dict__,
            "holder_name": holder,
            "member_name": member.name,
            "member_phrase": member.name,
        }
    )
    return services.document_request(
        kind=DocumentKind.PROXY_LETTER,
        source=member,
        context=letter.as_context(),
        title=f"Volmacht {member.name}",
        requested_by=requested_by,
    )


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))
