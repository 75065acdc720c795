"""A rendered document: what was asked for, from which input, and where its PDF is."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.constants import DocumentKind, DocumentStatus


def document_upload_to(instance: RenderedDocument, filename: str) -> str:
    return f"documents/{instance.kind}/{instance.created_at:%Y}/{filename}"


class RenderedDocumentQuerySet(models.QuerySet):
    def for_source(self, source: models.Model) -> RenderedDocumentQuerySet:
        return self.filter(
            source_type=ContentType.objects.get_for_model(source), source_id=str(source.pk)
        )


class RenderedDocument(models.Model):
    """One version of one document of one object (a proxy, a meeting, …).

    The input (`context`) is stored with the request, so the worker renders exactly what was
    asked for, and a later change to the object gives a new version instead of altering this one.
    """

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=40, choices=DocumentKind.choices)
    source_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, verbose_name=_("source type")
    )
    source_id = models.CharField(_("source id"), max_length=64)
    source = GenericForeignKey("source_type", "source_id")
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=255)
    context = models.JSONField(
        _("input"), encoder=DjangoJSONEncoder, help_text=_("The data the document is made of.")
    )
    input_digest = models.CharField(
        _("input digest"), max_length=64, help_text=_("SHA-256 of the kind, template and input.")
    )
    archival = models.BooleanField(_("archival (PDF/A)"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    error = models.TextField(_("reason of the last failure"), blank=True)
    file = models.FileField(_("file"), upload_to=document_upload_to, blank=True, max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("render attempts"), default=0)
    claim_token = models.UUIDField(_("claim"), null=True, blank=True, editable=False)
    claimed_at = models.DateTimeField(_("rendering since"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    queued_at = models.DateTimeField(_("last queued at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = RenderedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("rendered document")
        verbose_name_plural = _("rendered documents")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Asking twice for the same input can never make two documents, even concurrently.
            models.UniqueConstraint(
                fields=["kind", "source_type", "source_id", "input_digest"],
                name="document_unique_input",
            ),
            models.UniqueConstraint(
                fields=["kind", "source_type", "source_id", "version"],
                name="document_unique_version",
            ),
            models.CheckConstraint(
                condition=~Q(status=DocumentStatus.READY) | (~Q(file="") & ~Q(sha256="")),
                name="document_ready_has_file",
            ),
        ]
        indexes = [models.Index(fields=["status", "queued_at"], name="document_status_idx")]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def is_pending(self) -> bool:
        return self.status in (DocumentStatus.QUEUED, DocumentStatus.RENDERING)

    @property
    def filename(self) -> str:
        return f"{self.kind}-{self.source_id}-v{self.version}.pdf"
