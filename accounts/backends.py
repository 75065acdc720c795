"""Authentication backends: Django's ModelBackend with a cheaper lookup of the logged-in user;
axes' lock-out with a limit on the user names one address may try.

Every request of a logged-in person loads the user; during a vote that is the busiest query
there is. A plain SELECT by primary key skips the ORM's query building (about a millisecond);
on PostgreSQL it is a prepared statement (`dimpact_portal.db.fetch_one`) that also brings the
user's group names, which every request asks (`accounts.roles.role_names`, for the
second-factor check), and whether the association asks voters for a second factor
(`accounts.two_factor`, the same check): one round trip instead of three. The session engine
(`accounts.sessions`) reads the same columns with the session, so that round trip is the
session's own.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db import connection

from accounts.constants import Role, SecurityEventKind
from accounts.models import Session, User
from accounts.services import security_event_record
from accounts.sessions import SESSION_USER
from accounts.throttling import address_locked_until, address_usernames, client_ip, cool_off
from dimpact_portal.db.base import fetch_one
from dimpact_portal.request_memo import request_memo_take
from statutes.selectors import association_db_table

_SELECT_USER = f"SELECT * FROM {User._meta.db_table} WHERE id = %s"  # noqa: S608  # nosec B608 (a constant)
_GROUPS = User.groups.through._meta.db_table
_FIELDS = list(User._meta.concrete_fields)
_COLUMNS = ", ".join(f"u.{field.column}" for field in _FIELDS)
_PK = _FIELDS.index(User._meta.pk)
_USER_AND_GROUPS = (
    f"{_COLUMNS}, ARRAY(SELECT g.name FROM auth_group g JOIN {_GROUPS} ug"  # noqa: S608  # nosec B608 (constants)
    " ON ug.group_id = g.id WHERE ug.user_id = u.id),"
    f" (SELECT a.voting_requires_two_factor FROM {association_db_table()} a ORDER BY a.id LIMIT 1)"
)
_SELECT_USER_AND_GROUPS = f"SELECT {_USER_AND_GROUPS} FROM {User._meta.db_table} u WHERE u.id = %s"  # noqa: S608  # nosec B608 (constants)
# The session with its user (`accounts.sessions`): the same columns, NULL without a user.
SESSION_AND_USER_SQL = (
    f"SELECT s.session_data, s.expire_date, s.user_id, {_USER_AND_GROUPS}"  # noqa: S608  # nosec B608 (constants)
    f" FROM {Session._meta.db_table} s LEFT JOIN {User._meta.db_table} u ON u.id = s.user_id"
    " WHERE s.session_key = %s AND s.expire_date > %s"
)


def user_from_row(row) -> User | None:
    """The user of a row of `_USER_AND_GROUPS`, with its roles and the association's
    second-factor setting; None for a row without one (a user deleted)."""
    if row[_PK] is None:
        return None
    user = User.from_db(connection.alias, [field.attname for field in _FIELDS], row[: len(_FIELDS)])
    group_names, user.portal_voting_requires_two_factor = row[len(_FIELDS) :]
    # What `role_names` would ask the database next (it caches it on the user).
    user._portal_roles = frozenset(group_names) & set(Role.values)
    return user


def _user_and_groups(user_id: int) -> User | None:
    """The user with its group names and the association's second-factor setting, in one
    prepared statement (`dimpact_portal.db.fetch_one`)."""
    row = fetch_one(connection, _SELECT_USER_AND_GROUPS, [user_id])
    return None if row is None else user_from_row(row)


class PortalModelBackend(ModelBackend):
    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        read_along = request_memo_take(SESSION_USER)
        if read_along is not None and read_along[0] == user_id:
            user = read_along[1]  # read with this request's session (`accounts.sessions`)
        elif connection.vendor == "postgresql":
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
