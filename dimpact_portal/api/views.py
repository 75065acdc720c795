"""The API's own views: the OpenAPI document and the redirect of slashed paths."""

from __future__ import annotations

from django.http import HttpResponsePermanentRedirect
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.permissions import AllowAny

# Primary keys in paths: 1 to 18 digits (PostgreSQL's bigint holds them; longer is a 404).
ID_PATTERN = "[0-9]{1,18}"


class OpenApiDocument(SpectacularJSONAPIView):
    """The OpenAPI 3 document, public (Dutch API Design Rules API-51: at /openapi.json)."""

    permission_classes = [AllowAny]
    authentication_classes = []


def slashed_redirect(request, rest: str):
    """One trailing-slash rule: none. A slashed GET is sent once to its slashless twin."""
    target = f"/api/v1/{rest}"
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return HttpResponsePermanentRedirect(target)
