"""Reads of the document service."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from documents.access import can_read
from documents.models import RenderedDocument


def document_for_user(user, public_id) -> RenderedDocument:
    """The document with `public_id` if `user` may read it; 404 if unknown, 403 otherwise."""
    document = get_object_or_404(
        RenderedDocument.objects.select_related("source_type", "requested_by"), public_id=public_id
    )
    if not can_read(user, document):
        raise PermissionDenied(_("You may not read this document."))
    return document


def document_versions(document: RenderedDocument) -> QuerySet[RenderedDocument]:
    """Every version of the same kind of document of the same object, newest first."""
    return RenderedDocument.objects.filter(
        kind=document.kind, source_type=document.source_type, source_id=document.source_id
    ).order_by("-version")


def documents_recent(*, status: str = "") -> QuerySet[RenderedDocument]:
    documents = RenderedDocument.objects.select_related("requested_by", "source_type")
    if status:
        documents = documents.filter(status=status)
    return documents.order_by("-created_at", "-pk")
