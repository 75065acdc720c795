"""The health check of persistent connections (`dimpact_portal.db`): no round trip while the
connection is healthy, a new connection when the server has ended the old one."""

import time

import psycopg
import pytest
from django.core.signals import request_finished, request_started
from django.db import connection, connections

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def persistent(settings):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's connections")
    connection.close()
    saved = (
        connection.settings_dict["CONN_MAX_AGE"],
        connection.settings_dict["CONN_HEALTH_CHECKS"],
    )
    connection.settings_dict["CONN_MAX_AGE"] = 60
    connection.settings_dict["CONN_HEALTH_CHECKS"] = True
    yield connection
    connection.settings_dict["CONN_MAX_AGE"], connection.settings_dict["CONN_HEALTH_CHECKS"] = saved
    connection.close()


def _request(query: str = "SELECT pg_backend_pid()"):
    """What a request does: Django's start signal, one query, the end signal."""
    request_started.send(sender=None)
    with connection.cursor() as cursor:
        cursor.execute(query)
        value = cursor.fetchone()[0]
    request_finished.send(sender=None)
    return value


def test_a_healthy_connection_is_reused_without_a_select_1(persistent, monkeypatch):
    asked = []
    wrapper = type(connections["default"])
    real = wrapper.is_usable
    monkeypatch.setattr(wrapper, "is_usable", lambda self: asked.append(1) or real(self))
    first = _request()
    assert [_request() for _ in range(5)] == [first] * 5  # the same server process each time
    assert asked == []
    assert wrapper.__module__ == "dimpact_portal.db.base"


def test_a_connection_the_server_ended_is_replaced_before_the_next_query(persistent):
    first = _request()
    # The server ends that connection (a restart, or an administrator).
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [first])
    time.sleep(0.2)  # its last message reaches this side's socket
    second = _request()  # no error: the check saw it and connected again
    assert second != first
    assert _request() == second
