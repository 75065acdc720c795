"""The session engine reads the logged-in user with the session (`accounts.sessions`): one
query for both on PostgreSQL; the session's signed data still decides who is logged in."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Session
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the joined read is PostgreSQL's"
)


def _session_and_user_reads(queries) -> tuple[int, int]:
    sessions = [q for q in queries if Session._meta.db_table in q["sql"]]
    users = [q for q in queries if "u WHERE u.id" in q["sql"] or 'FROM "accounts_user"' in q["sql"]]
    return len(sessions), len(users)


def test_a_saved_session_knows_whose_it_is(client):
    user = UserFactory()
    client.force_login(user)
    (session,) = Session.objects.all()
    assert session.user_id == user.pk
    assert session.get_decoded()[SESSION_KEY] == str(user.pk)
    client.logout()
    assert not Session.objects.exists()


@postgresql_only
def test_the_session_and_its_user_come_in_one_query(client):
    user = UserFactory()  # no role that must confirm a second factor first
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(reverse("home"))
    assert answer.status_code == 200
    assert answer.context["user"].pk == user.pk
    assert _session_and_user_reads(queries) == (1, 0)


@postgresql_only
def test_the_column_does_not_decide_who_is_logged_in(client):
    """A row whose column names another user (it cannot happen through the engine) logs in
    the user of the signed data, read by a query of its own."""
    user, other = UserFactory(), UserFactory()
    client.force_login(user)
    Session.objects.update(user_id=other.pk)
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(reverse("home"))
    assert answer.context["user"].pk == user.pk
    assert _session_and_user_reads(queries) == (1, 1)


def test_a_session_of_a_deleted_user_is_anonymous(client):
    user = UserFactory()
    client.force_login(user)
    user.delete()
    answer = client.get(reverse("home"))
    assert not answer.wsgi_request.user.is_authenticated


def test_a_session_of_a_deactivated_user_is_anonymous(client):
    user = UserFactory()
    client.force_login(user)
    type(user).objects.filter(pk=user.pk).update(is_active=False)
    answer = client.get(reverse("home"))
    assert not answer.wsgi_request.user.is_authenticated


def test_the_change_of_engine_moves_the_sessions_with_their_user():
    import importlib
    import types

    from django.apps import apps
    from django.contrib.sessions.backends.db import SessionStore as DjangoStore
    from django.contrib.sessions.models import Session as DjangoSession

    user = UserFactory()
    old = DjangoStore()
    old[SESSION_KEY] = str(user.pk)
    old.create()
    anonymous = DjangoStore()
    anonymous["language"] = "en"
    anonymous.create()
    migration = importlib.import_module("accounts.migrations.0003_sessions_with_their_user")
    migration.move_sessions(apps, types.SimpleNamespace(connection=connection))
    moved = {session.session_key: session for session in Session.objects.all()}
    assert moved[old.session_key].user_id == user.pk
    assert moved[old.session_key].get_decoded()[SESSION_KEY] == str(user.pk)
    assert moved[anonymous.session_key].user_id is None
    assert DjangoSession.objects.count() == 2  # left where they were
