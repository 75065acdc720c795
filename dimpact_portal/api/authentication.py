"""Personal API tokens: django-rest-knox's hashed, expiring tokens, sent as
`Authorization: Bearer <token>`; each use is recorded (at most once a minute per token)."""

from __future__ import annotations

import datetime

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from knox.auth import TokenAuthentication

from accounts import tokens

LAST_USE_RESOLUTION = datetime.timedelta(minutes=1)


class PortalTokenAuthentication(TokenAuthentication):
    def validate_user(self, auth_token):
        user, auth_token = super().validate_user(auth_token)
        tokens.token_used(auth_token, now=timezone.now(), resolution=LAST_USE_RESOLUTION)
        return user, auth_token


class PortalTokenScheme(OpenApiAuthenticationExtension):
    target_class = "dimpact_portal.api.authentication.PortalTokenAuthentication"
    name = "tokenAuth"
    priority = 1

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, made on the portal's token page.",
        }
