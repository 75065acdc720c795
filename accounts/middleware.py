"""Sends whoever must confirm their log-in with a second factor (`two_factor.two_factor_required`)
to set it up or to confirm it, before any other page: the admin and the API included."""

from __future__ import annotations

import functools
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext as _

from accounts.two_factor import has_device, is_verified, two_factor_required
from dimpact_portal.rules import RuleDenied

# What an unconfirmed log-in may still reach: the set-up and confirmation, logging out, the
# language switch and static files.
_OPEN_NAMES = ("two-factor-setup", "two-factor-verify", "recovery-codes", "logout", "set_language")


@functools.cache
def _open_paths(prefix: str) -> frozenset[str]:
    """Built once per script prefix, not on every request (five URL reversals)."""
    return frozenset(reverse(name) for name in _OPEN_NAMES)


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_confirm(request):
            return self._refuse(request)
        return self.get_response(request)

    def _must_confirm(self, request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or is_verified(user):
            return False
        if request.path.startswith(settings.STATIC_URL):
            return False
        if request.path in _open_paths(get_script_prefix()):
            return False
        return two_factor_required(user)

    def _refuse(self, request):
        if request.method not in ("GET", "HEAD") or request.path.startswith("/api/"):
            raise RuleDenied(
                _("Confirm your log-in with your authenticator app first."),
                code="two-factor-required",
            )
        target = "two-factor-verify" if has_device(request.user) else "two-factor-setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
