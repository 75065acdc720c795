"""Writes of the portal's users. Other apps call these functions, not the `User` model."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import Role, SecurityEventKind
from accounts.models import SecurityEvent, User
from accounts.roles import is_secretariat, role_group
from dimpact_portal.rules import RuleDenied

if TYPE_CHECKING:
    from dimpact_portal.seeding import SeedReport


def user_create_without_password(
    *,
    email: str,
    first_name: str = "",
    last_name: str = "",
    function_title: str = "",
    organisation: str = "",
) -> User:
    """An account for someone who has none yet (a proxy holder): it cannot log in with a
    password until one is set; its user name is the e-mail address."""
    user = User(
        username=email.lower()[:150],
        email=email.lower(),
        first_name=first_name[:150],
        last_name=last_name[:150],
        function_title=function_title[:200],
        organisation=organisation[:200],
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


def demo_user_seed_upsert(*, item: dict[str, Any], report: SeedReport) -> User:
    """The demo log-in described by `item` of the seed (README), with its roles; made with the
    demo password; an existing one is updated only by `load_seed --reset`. Only ever called by
    `load_seed`."""
    user = User.objects.filter(username=item["username"]).first()
    created = user is None
    if user is None:
        user = User(username=item["username"])
        user.set_password(settings.DEMO_PASSWORD)
    values = {
        "first_name": item.get("first_name", ""),
        "last_name": item.get("last_name", ""),
        "email": item["email"],
        "function_title": item.get("function_title", ""),
        "organisation": item.get("organisation", ""),
        "is_staff": Role.SECRETARIAT.value in item.get("roles", []),
    }
    different = [name for name, value in values.items() if getattr(user, name) != value]
    if different and not created and not report.reset:
        report.differs(user, different)  # a log-in its user changed stays changed
        different = []
    for name in different:
        setattr(user, name, values[name])
    changed = bool(different)
    if created or changed:
        user.save()
    if user.is_staff and not user.user_permissions.exists():
        # The secretariat keeps the register in the admin as well as in the portal.
        user.user_permissions.set(
            Permission.objects.filter(content_type__app_label__in=["members", "accounts"])
        )
    report.count(User, created, changed)
    if created or report.reset:
        demo_two_factor_seed_upsert(user=user)
    for role in item.get("roles", []):
        group = role_group(Role(role))
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
            report.count(User, created=False, changed=True)
    return user


# The security audit trail, sessions and locks.


def security_event_record(
    *,
    kind: SecurityEventKind,
    username: str = "",
    ip_address: str | None = None,
    user: User | None = None,
    actor: User | None = None,
    detail: str = "",
    once_within: datetime.timedelta | None = None,
) -> SecurityEvent | None:
    """Add an entry to the security audit trail; with `once_within`, not when the same kind of
    entry for the same name and address is that recent (a lock is recorded once, not at every
    refused try)."""
    if once_within is not None:
        recent = SecurityEvent.objects.filter(
            kind=kind,
            username=username,
            ip_address=ip_address,
            at__gte=timezone.now() - once_within,
        )
        unlocked = SecurityEvent.objects.filter(
            kind=SecurityEventKind.UNLOCKED,
            ip_address=ip_address,
            at__gte=timezone.now() - once_within,
        )
        last_unlock = unlocked.order_by("-at").values_list("at", flat=True).first()
        if last_unlock:
            recent = recent.filter(at__gt=last_unlock)
        if recent.exists():
            return None
    if user is None and username:
        user = User.objects.filter(username=username).first()
    event = SecurityEvent(
        kind=kind,
        username=username[:150],
        ip_address=ip_address or None,
        user=user,
        actor=actor,
        detail=detail[:300],
    )
    event.full_clean()
    event.save()
    return event


def sessions_end_everywhere(
    *, user: User, actor: User | None = None, kind=SecurityEventKind.SESSIONS_ENDED, detail=""
) -> None:
    """End every session of `user` for good: the session generation in their session hash is
    raised, so no session made before matches again (also not after a reactivation)."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
    security_event_record(kind=kind, username=user.username, user=user, actor=actor, detail=detail)


def user_set_active(*, user: User, active: bool, actor: User | None = None) -> User:
    """Activate or deactivate an account; deactivating ends its sessions for good."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=active)
        user.is_active = active
        if not active:
            sessions_end_everywhere(user=user, actor=actor, kind=SecurityEventKind.DEACTIVATED)
    return user


def _require_secretariat(actor: User, *, code: str) -> None:
    if not is_secretariat(actor):
        raise RuleDenied(_("Only the secretariat can do this."), code=code)


def lock_release(*, actor: User, ip_address: str, username: str = "") -> int:
    """Unlock a user name from an address, or (without a user name) the address as a whole:
    its failed attempts are removed. Recorded in the audit trail. Returns the attempts removed."""
    from axes.utils import reset

    _require_secretariat(actor, code="unlock-secretariat-only")
    with transaction.atomic():
        removed = reset(ip=ip_address, username=username or None)
        security_event_record(
            kind=SecurityEventKind.UNLOCKED,
            username=username,
            ip_address=ip_address,
            actor=actor,
            detail=_("%(n)s failed attempts removed") % {"n": removed},
        )
    return removed


# The second factor.

RECOVERY_CODE_COUNT = 10


def recovery_codes_make(*, user: User) -> list[str]:
    """Ten new single-use recovery codes for `user` (django-otp's static device); the old ones
    stop working. The codes are shown once and kept only as the device's tokens."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name="recovery", defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        device.token_set.bulk_create([StaticToken(device=device, token=code) for code in codes])
        security_event_record(
            kind=SecurityEventKind.RECOVERY_CODES_MADE, username=user.username, user=user
        )
    return codes


def two_factor_enrolled(*, user: User, device) -> None:
    """`user` set up `device`: their other sessions end (the caller keeps the current one with
    `update_session_auth_hash`)."""
    sessions_end_everywhere(
        user=user, kind=SecurityEventKind.TWO_FACTOR_ENROLLED, detail=str(device.name)
    )


def two_factor_reset(*, user: User, actor: User) -> None:
    """Remove `user`'s second factor (a lost phone and lost recovery codes): every session ends
    and the next log-in sets it up again. Only the secretariat."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _require_secretariat(actor, code="two-factor-reset-secretariat-only")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        sessions_end_everywhere(user=user, actor=actor, kind=SecurityEventKind.TWO_FACTOR_RESET)


# Demo only: every demo account's authenticator is paired with this documented secret (README),
# the RFC 6238 test key "12345678901234567890"; base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"


def demo_two_factor_seed_upsert(*, user: User) -> None:
    """The demo account's authenticator app, paired with `DEMO_TOTP_KEY`. Only `load_seed`."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(
            user=user, name="demo authenticator", key=DEMO_TOTP_KEY, confirmed=True
        )
