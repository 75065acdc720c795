"""Reads of the document service."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from dimpact_portal.rules import RuleDenied
from documents.access import can_read
from documents.constants import DocumentStatus
from documents.models import RenderedDocument


def document_for_user(user, public_id) -> RenderedDocument:
    """The document with `public_id` if `user` may read it; 404 if unknown, 403 otherwise."""
    document = get_object_or_404(
        RenderedDocument.objects.select_related("source_type", "requested_by"), public_id=public_id
    )
    if not can_read(user, document):
        raise RuleDenied(_("You may not read this document."), code="document-not-readable")
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


def documents_of_source(source: Model, *, kind: str = "") -> QuerySet[RenderedDocument]:
    """Every document (all kinds and versions, or those of `kind`) of `source`, newest first."""
    documents = RenderedDocument.objects.for_source(source)
    if kind:
        documents = documents.filter(kind=kind)
    return documents.order_by("-version", "-pk")


def document_latest(*, kind: str, source: Model, ready: bool = False) -> RenderedDocument | None:
    """The newest version of the document of `kind` for `source` (the newest ready one when
    `ready`); None when none was asked for."""
    documents = documents_of_source(source, kind=kind)
    if ready:
        documents = documents.filter(status=DocumentStatus.READY)
    return documents.first()


def documents_latest(*, kind: str, sources: Iterable[Model]) -> dict[str, RenderedDocument]:
    """The newest document of `kind` of each of `sources` (of one model), keyed by the source's
    primary key as a string (`document_latest` for a page of sources, in one query); sources
    without such a document are left out."""
    sources = list(sources)
    if not sources:
        return {}
    latest: dict[str, RenderedDocument] = {}
    for document in RenderedDocument.objects.filter(
        kind=kind,
        source_type=ContentType.objects.get_for_model(sources[0]),
        source_id__in=[str(source.pk) for source in sources],
    ).order_by("version", "pk"):
        latest[document.source_id] = document  # ascending: the newest one is written last
    return latest


def document_statuses_latest(*, kind: str, sources: Iterable[Model]) -> dict[str, str]:
    """The status of the newest document of `kind` of each of `sources` (of one model), keyed
    by the source's primary key as a string; sources without such a document are left out."""
    sources = list(sources)
    if not sources:
        return {}
    statuses: dict[str, str] = {}
    for source_id, status in (
        RenderedDocument.objects.filter(
            kind=kind,
            source_type=ContentType.objects.get_for_model(sources[0]),
            source_id__in=[str(source.pk) for source in sources],
        )
        .order_by("version")
        .values_list("source_id", "status")
    ):
        statuses[source_id] = status  # ascending versions: the newest one is written last
    return statuses


# Background work counts as waiting once a document has been queued this long.
WAITING_AFTER_SECONDS = 60


def documents_waiting(*, now=None) -> QuerySet[RenderedDocument]:
    """Documents queued for more than a minute: the broker or the worker is away (the sweeper
    queues them again once it is back). Oldest first."""
    import datetime

    from django.utils import timezone

    now = now or timezone.now()
    return RenderedDocument.objects.filter(
        status=DocumentStatus.QUEUED,
        queued_at__lt=now - datetime.timedelta(seconds=WAITING_AFTER_SECONDS),
    ).order_by("created_at", "pk")


def home_panels(user) -> list:
    """The secretariat's home-page panel when background work waits (settings.HOME_PANELS)."""
    from django.urls import reverse
    from django.utils import timezone

    from accounts.constants import Role
    from accounts.roles import role_names
    from accounts.selectors import Panel

    if Role.SECRETARIAT not in role_names(user):
        return []
    waiting = list(documents_waiting()[:10])
    if not waiting:
        return []
    now = timezone.now()
    return [
        Panel(
            title=_("Background work is waiting"),
            items=[
                (
                    _("%(document)s: queued %(minutes)s minutes ago")
                    % {
                        "document": document,
                        "minutes": int((now - document.created_at).total_seconds() // 60),
                    },
                    reverse("documents:detail", args=[document.public_id]),
                )
                for document in waiting
            ],
            action=(_("All documents"), reverse("documents:list") + "?status=queued"),
        )
    ]
