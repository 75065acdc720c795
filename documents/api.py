"""The API of rendered documents (proxy letters, minutes, rosters…): their status and the
file through the portal's permission-checked download (`documents.selectors.document_for_user`)."""

from __future__ import annotations

import django_filters
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from accounts.roles import is_secretariat
from dimpact_portal.rules import RuleDenied
from documents import selectors
from documents.models import RenderedDocument


class DocumentSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    download_url = serializers.SerializerMethodField(help_text="Once the document is ready.")

    class Meta:
        model = RenderedDocument
        fields = (
            "id",
            "kind",
            "title",
            "version",
            "status",
            "size",
            "sha256",
            "page_count",
            "download_url",
        )

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download_url(self, document: RenderedDocument) -> str | None:
        if not document.file:
            return None
        path = reverse("documents:download", args=[document.public_id])
        return self.context["request"].build_absolute_uri(path)


class DocumentFilter(django_filters.FilterSet):
    class Meta:
        model = RenderedDocument
        fields = ("kind", "status")


class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    """One document for whoever may read it; the list of all of them for the secretariat."""

    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter
    lookup_field = "public_id"
    lookup_url_kwarg = "id"
    lookup_value_regex = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator
            return RenderedDocument.objects.none()
        if not is_secretariat(self.request.user):
            raise RuleDenied(
                _("Only the secretariat sees all documents."),
                code="documents-listed-to-secretariat",
            )
        return selectors.documents_recent()

    def get_object(self):
        return selectors.document_for_user(self.request.user, self.kwargs["id"])
