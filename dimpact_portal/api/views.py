"""The API's own views: the OpenAPI document and the redirect of slashed paths."""

from __future__ import annotations

from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpResponsePermanentRedirect
from django.urls import get_urlconf
from django.utils import translation
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

# Primary keys in paths: 1 to 18 digits (PostgreSQL's bigint holds them; longer is a 404).
ID_PATTERN = "[0-9]{1,18}"

# The generated document and its rendered bytes, per process. Generating it walks every view
# and serializer (hundreds of milliseconds) and rendering it with an indent is pure-Python
# JSON, yet it changes only with the code, the language, the requested version and the
# settings: key on the first three, and forget everything when a setting changes (tests).
# The `version` and `lang` parameters and the media type's parameters come from the caller:
# only the document of the API's own version in one of the portal's languages, in a media
# type without parameters, is kept (and never more than KEPT), so no caller fills the memory.
_schemas: dict[tuple, dict] = {}
_rendered: dict[tuple, tuple[bytes, str]] = {}
KEPT = 8


def schema_cache_clear(**kwargs) -> None:
    _schemas.clear()
    _rendered.clear()


setting_changed.connect(schema_cache_clear, dispatch_uid="api-openapi-schema-cache")


class _SchemaResponse(Response):
    """A Response whose rendering is remembered per schema and accepted media type."""

    def __init__(self, *args, schema_key: tuple, **kwargs):
        super().__init__(*args, **kwargs)
        self.schema_key = schema_key

    @property
    def rendered_content(self):
        key = (self.schema_key, type(self.accepted_renderer), self.accepted_media_type)
        cached = _rendered.get(key)
        if cached is None:
            cached = (super().rendered_content, self["Content-Type"])
            if self.schema_key in _schemas and ";" not in key[2] and len(_rendered) < KEPT:
                _rendered[key] = cached
        else:
            self.renderer_context["response"] = self
            self["Content-Type"] = cached[1]
        return cached[0]


class OpenApiDocument(SpectacularJSONAPIView):
    """The OpenAPI 3 document, public (Dutch API Design Rules API-51: at /openapi.json)."""

    permission_classes = [AllowAny]
    authentication_classes = []

    def _get_schema_response(self, request):
        # As drf-spectacular's, with the generated document remembered (see `_schemas`).
        version = self.api_version or request.version or self._get_version_parameter(request)
        # This view sets no `urlconf` or `patterns` of its own: the URL conf is the request's.
        key = (translation.get_language(), version, get_urlconf(), self.serve_public)
        schema = _schemas.get(key)
        if schema is None:
            generator = self.generator_class(
                urlconf=self.urlconf, api_version=version, patterns=self.patterns
            )
            schema = generator.get_schema(request=request, public=self.serve_public)
            languages = dict(settings.LANGUAGES)
            if version is None and key[0] in languages and len(_schemas) < KEPT:
                _schemas[key] = schema
        return _SchemaResponse(
            data=schema,
            schema_key=key,
            headers={
                "Content-Disposition": (
                    f'inline; filename="{self._get_filename(request, version)}"'
                )
            },
        )


def slashed_redirect(request, rest: str):
    """One trailing-slash rule: none. A slashed GET is sent once to its slashless twin."""
    target = f"/api/v1/{rest}"
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(target)
