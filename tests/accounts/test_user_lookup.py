"""The logged-in user is loaded with the user's roles in one query (PostgreSQL)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.backends import PortalModelBackend
from accounts.constants import Role
from accounts.roles import role_names
from tests.accounts.factories import UserFactory


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the joined lookup is PostgreSQL's")
def test_the_user_and_the_roles_come_in_one_query(db):
    user = UserFactory(roles=[Role.CHAIR, Role.SECRETARIAT])
    with CaptureQueriesContext(connection) as queries:
        loaded = PortalModelBackend().get_user(user.pk)
        roles = role_names(loaded)
    assert len(queries) == 1
    assert roles == {Role.CHAIR.value, Role.SECRETARIAT.value}


def test_a_user_without_roles_has_none(db):
    user = UserFactory()
    assert role_names(PortalModelBackend().get_user(user.pk)) == frozenset()
