"""Authentication backends: Django's ModelBackend with a cheaper lookup of the logged-in user;
axes' lock-out with a limit on the user names one address may try.

Every request of a logged-in person loads the user; during a vote that is the busiest query
there is. A plain SELECT by primary key skips the ORM's query building (about a millisecond);
on PostgreSQL it is a prepared statement (`dimpact_portal.db.fetch_one`) that also brings the
user's group names, which every request asks (`accounts.roles.role_names`, for the
second-factor check), and whether the association asks voters for a second factor
(`accounts.two_factor`, the same check): one round trip instead of three.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db import connection

from accounts.constants import Role, SecurityEventKind
from accounts.models import User
from accounts.services import security_event_record
from accounts.throttling import address_locked_until, address_usernames, client_ip, cool_off
from dimpact_portal.db.base import fetch_one
from statutes.selectors import association_db_table

_SELECT_USER = f"SELECT * FROM {User._meta.db_table} WHERE id = %s"  # noqa: S608  # nosec B608 (a constant)
_GROUPS = User.groups.through._meta.db_table
_FIELDS = list(User._meta.concrete_fields)
_COLUMNS = ", ".join(f"u.{field.column}" for field in _FIELDS)
_SELECT_USER_AND_GROUPS = (
    f"SELECT {_COLUMNS}, ARRAY(SELECT g.name FROM auth_group g JOIN {_GROUPS} ug"  # noqa: S608  # nosec B608 (constants)
    " ON ug.group_id = g.id WHERE ug.user_id = u.id),"
    f" (SELECT a.voting_requires_two_factor FROM {association_db_table()} a ORDER BY a.id LIMIT 1)"
    f" FROM {User._meta.db_table} u WHERE u.id = %s"
)


def _user_and_groups(user_id: int) -> User | None:
    """The user with its group names and the association's second-factor setting, in one
    prepared statement (`dimpact_portal.db.fetch_one`)."""
    row = fetch_one(connection, _SELECT_USER_AND_GROUPS, [user_id])
    if row is None:
        return None
    user = User.from_db(connection.alias, [field.attname for field in _FIELDS], row[: len(_FIELDS)])
    group_names, user.portal_voting_requires_two_factor = row[len(_FIELDS) :]
    # What `role_names` would ask the database next (it caches it on the user).
    user._portal_roles = frozenset(group_names) & set(Role.values)
    return user


class PortalModelBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        if connection.vendor == "postgresql":
            user = _user_and_groups(user_id)
        else:
            user = next(iter(User.objects.raw(_SELECT_USER, [user_id])), None)
        return user if user is not None and self.user_can_authenticate(user) else None


class PortalAxesBackend(AxesStandaloneBackend):
    """Axes' check (a user name locked from an address), and first the address's own limit:
    an address that failed with too many user names tries none until the oldest expires."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None and settings.AXES_ENABLED:
            ip_address = client_ip(request)
            known = username in address_usernames(ip_address) if ip_address else True
            if not known and address_locked_until(ip_address):
                security_event_record(
                    kind=SecurityEventKind.ADDRESS_LOCKED,
                    username=username or "",
                    ip_address=ip_address,
                    once_within=cool_off(),
                )
                request.axes_locked_out = True
                request.portal_address_locked = True  # recorded above, not as a user's lock
                request.axes_credentials = {"username": username}
                raise AxesBackendPermissionDenied("too many user names from this address")
        return super().authenticate(request, username=username, password=password, **kwargs)
