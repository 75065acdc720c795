"""Writes of the portal's users. Other apps call these functions, not the `User` model."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth.models import Permission

from accounts.constants import Role
from accounts.models import User
from accounts.roles import role_group

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
    demo password, updated only where it differs. Only ever called by `load_seed`."""
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
    changed = False
    for name, value in values.items():
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed = True
    if created or changed:
        user.save()
    if user.is_staff and not user.user_permissions.exists():
        # The secretariat keeps the register in the admin as well as in the portal.
        user.user_permissions.set(
            Permission.objects.filter(content_type__app_label__in=["members", "accounts"])
        )
    report.count(User, created, changed)
    for role in item.get("roles", []):
        group = role_group(Role(role))
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
            report.count(User, created=False, changed=True)
    return user
