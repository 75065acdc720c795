"""Personal API tokens: a user makes, names, sees the last use of and revokes its own.

The token is django-rest-knox's `AuthToken` (stored as a SHA-512 digest, with an expiry); the
portal adds only a name and the moment of last use (`accounts.models.ApiToken`). The plain
token is shown once, when it is made.
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from knox.models import AuthToken

from accounts.models import User
from dimpact_portal.api.models import ApiToken

EXPIRY_DAYS = (30, 90, 365)


def token_create(*, user: User, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token for `user`, valid `days` days; returns it and the plain token (shown once)."""
    if days not in EXPIRY_DAYS:
        raise ValueError(days)
    with transaction.atomic():
        auth_token, plain = AuthToken.objects.create(
            user=user, expiry=datetime.timedelta(days=days)
        )
        token = ApiToken(token=auth_token, name=name.strip())
        token.full_clean(exclude=["token"])
        token.save()
    return token, plain


def token_revoke(*, user: User, digest: str) -> None:
    get_object_or_404(AuthToken, digest=digest, user=user).delete()


def tokens_of(user: User):
    """The user's tokens that have not expired, newest first (with their name and last use)."""
    return (
        AuthToken.objects.filter(user=user)
        .exclude(expiry__lt=timezone.now())
        .select_related("portal")
        .order_by("-created")
    )


def token_used(auth_token: AuthToken, *, now: datetime.datetime, resolution) -> None:
    """Record a use; one write per `resolution` per token, not one per request."""
    ApiToken.objects.filter(token=auth_token).exclude(last_used_at__gt=now - resolution).update(
        last_used_at=now
    )


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. the system using it."),
    )
    days = forms.TypedChoiceField(
        label=gettext_lazy("Valid for"),
        coerce=int,
        initial=90,
        choices=[(days, gettext_lazy("%(days)s days") % {"days": days}) for days in EXPIRY_DAYS],
    )


@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    plain = None
    if request.method == "POST" and form.is_valid():
        token, plain = token_create(
            user=request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
        messages.success(request, _("The token %(name)s is made.") % {"name": token.name})
        form = TokenForm()
    return render(
        request,
        "accounts/tokens.html",
        {"tokens": tokens_of(request.user), "form": form, "plain": plain},
    )


@login_required
@require_POST
def token_delete(request, digest: str):
    token_revoke(user=request.user, digest=digest)
    messages.success(request, _("The token is revoked."))
    return redirect("api-tokens")
