"""Who holds which association-wide role. Member-bound roles live in `members.selectors`."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, Group

from accounts.constants import Role
from accounts.models import User


def role_names(user: User | AnonymousUser) -> frozenset[str]:
    """The association-wide roles of `user`, cached on the user object for one request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_portal_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True)) & set(Role.values)
        user._portal_roles = cached  # type: ignore[union-attr]
    return cached


def has_role(user: User | AnonymousUser, role: Role) -> bool:
    return role.value in role_names(user)


def is_secretariat(user: User | AnonymousUser) -> bool:
    return has_role(user, Role.SECRETARIAT)


def role_group(role: Role) -> Group:
    group, _created = Group.objects.get_or_create(name=role.value)
    return group


def role_grant(*, user: User, role: Role) -> None:
    user.groups.add(role_group(role))
    user.__dict__.pop("_portal_roles", None)
