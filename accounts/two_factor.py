"""A second factor for the log-in (an authenticator app, TOTP through django-otp, and single-use
recovery codes): who must confirm every log-in, the first-log-in set-up and the confirmation.

Who must: the roles in `settings.TWO_FACTOR_REQUIRED_ROLES` ("staff" for staff and superuser
accounts) and, with "voters" in it and the association's `voting_requires_two_factor` on, every
member's representative (without "voters" the setting is asked only at the ballot).
`accounts.middleware.TwoFactorRequiredMiddleware` sends them here before any other page, the
admin included.
"""

from __future__ import annotations

import functools

import qrcode
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.constants import SecurityEventKind
from accounts.roles import role_names
from accounts.services import (
    recovery_codes_make,
    security_event_record,
    two_factor_enrolled,
)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app, or a recovery code"),
        max_length=16,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


def two_factor_required(user) -> bool:
    """Whether `user` must confirm this log-in with a second factor before using the portal."""
    if not user.is_authenticated:
        return False
    required = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    if "staff" in required and (user.is_staff or user.is_superuser):
        return True
    if role_names(user) & required:
        return True
    return "voters" in required and _voter_required(user)


def _voter_required(user) -> bool:
    from members.selectors import members_of_representative
    from statutes.selectors import association_current

    # Read with the user where the backend could (`accounts.backends`; None: not read).
    asked = getattr(user, "portal_voting_requires_two_factor", None)
    if not (association_current().voting_requires_two_factor if asked is None else asked):
        return False
    return members_of_representative(user).exists()


def is_verified(user) -> bool:
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def has_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if allowed else "/"


_QR_MODULE_TENTHS_MM = 8  # a module of 0.8 mm, as qrcode's SVG image with box_size=8
# Any of the eight masks makes a valid code; trying them all to pick the best-scoring one
# was half the cost of the page.
_QR_MASK = 0


def _mm(modules: int) -> str:
    tenths = modules * _QR_MODULE_TENTHS_MM
    return f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths // 10}.{tenths % 10}"


@functools.lru_cache(maxsize=64)  # per device: the page shown again for the same key
def _qr_svg(url: str) -> str:
    """The code as an inline SVG path, a rectangle per run of dark modules in a row (the
    drawing of qrcode's SVG image, a square per module, was the other half)."""
    code = qrcode.QRCode(box_size=8, mask_pattern=_QR_MASK)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()  # with the quiet zone
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            runs.append(f"M{_mm(start)},{_mm(y)}H{_mm(x)}V{_mm(y + 1)}H{_mm(start)}z")
    size = _mm(len(matrix))
    return (
        f'<svg width="{size}mm" height="{size}mm" version="1.1" viewBox="0 0 {size} {size}"'
        f' xmlns="http://www.w3.org/2000/svg"><path d="{"".join(runs)}" id="qr-path"'
        ' fill="#000000" fill-opacity="1" fill-rule="nonzero" stroke="none"/></svg>'
    )


@login_required
def setup(request):
    """Pair an authenticator app: scan the code, confirm with the first six digits; then the
    recovery codes are shown, once."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save()
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            # A new second factor ends the account's other sessions; this one goes on.
            two_factor_enrolled(user=request.user, device=device)
            update_session_auth_hash(request, request.user)
            otp_login(request, device)
            # Shown once, on the next page (kept in the session until then).
            request.session[_CODES_ONCE] = recovery_codes_make(user=request.user)
            return redirect(f"{reverse('recovery-codes')}?next={_next(request)}")
        form.add_error("token", _("That code is not right; try the next one your app shows."))
    return render(
        request,
        "registration/two_factor_setup.html",
        # The SVG is made here from the device's own URL: no user input in it.
        {
            "form": form,
            "qr": mark_safe(_qr_svg(device.config_url)),  # noqa: S308  # nosec B308 B703
            "secret": device.config_url.split("secret=")[1].split("&")[0],
            "next": _next(request),
        },
    )


_CODES_ONCE = "recovery_codes_once"


@login_required
def recovery_codes(request):
    """The recovery codes just made, shown once."""
    codes = request.session.pop(_CODES_ONCE, None)
    if not codes:
        return redirect("account-security")
    return _recovery_codes_page(request, codes)


def _recovery_codes_page(request, codes: list[str]):
    return render(
        request,
        "registration/recovery_codes.html",
        {"codes": codes, "next": _next(request)},
    )


def _verify_token(request, token: str):
    """The device `token` confirms: an authenticator app's, or a recovery code (used up)."""
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(token):
            return device
    for device in StaticDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(token.replace(" ", "").lower()):  # removes the code it matched
            security_event_record(
                kind=SecurityEventKind.RECOVERY_CODE_USED,
                username=request.user.username,
                user=request.user,
                detail=_("%(n)s recovery codes left") % {"n": device.token_set.count()},
            )
            return device
    return None


@login_required
def verify(request):
    """Confirm this log-in with a code from the app set up before, or a recovery code."""
    if not has_device(request.user):
        return redirect(f"{reverse('two-factor-setup')}?next={_next(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = _verify_token(request, form.cleaned_data["token"].strip())
        if device is not None:
            otp_login(request, device)
            return redirect(_next(request))
        form.add_error("token", _("That code is not right; try the next one your app shows."))
    return render(
        request, "registration/two_factor_verify.html", {"form": form, "next": _next(request)}
    )


@require_POST
@login_required
def recovery_codes_new(request):
    """New recovery codes (the old ones stop working), for a log-in confirmed just now."""
    if not is_verified(request.user):
        messages.error(request, _("Confirm this log-in with your authenticator app first."))
        return redirect(f"{reverse('two-factor-verify')}?next={reverse('account-security')}")
    return _recovery_codes_page(request, recovery_codes_make(user=request.user))
