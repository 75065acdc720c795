"""On PostgreSQL, outside a transaction of the caller's, a ballot goes in two round trips
(`voting.services.ballots._cast_pipelined`): the same rules, the same guarantees, and the
connection left clean whatever happens (recorded, refused, repeated, a database error)."""

import threading
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection
from psycopg.pq import TransactionStatus

from tests.processes import require_services
from voting import services
from voting.models import Ballot
from voting.services import ballots as ballot_module
from voting.services._common import POLL_LOCK_CLASS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pipelined(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's pipeline mode")
    require_services(redis=False)
    taken = []
    real = ballot_module._cast_pipelined
    monkeypatch.setattr(
        ballot_module, "_cast_pipelined", lambda *args: taken.append(1) or real(*args)
    )
    return taken


def _idle() -> bool:
    return connection.connection.pgconn.transaction_status == TransactionStatus.IDLE


def test_a_ballot_is_recorded_and_a_repeat_returns_it(pipelined, motion, rep_a, member_a):
    token = uuid.uuid4()
    first = services.ballot_cast(
        poll=motion, member_id=member_a.pk, user=rep_a, choice="for", token=token
    )
    assert pipelined and _idle()
    assert Ballot.objects.get(poll=motion, member=member_a).pk == first.pk
    again = services.ballot_cast(
        poll=motion, member_id=member_a.pk, user=rep_a, choice="for", token=token
    )
    assert again.pk == first.pk and getattr(again, "repeated", False)
    with pytest.raises(ValidationError) as refused:  # another submission: one ballot a member
        services.ballot_cast(poll=motion, member_id=member_a.pk, user=rep_a, choice="against")
    assert refused.value.code == "ballot-one-per-member" and _idle()
    assert Ballot.objects.filter(poll=motion).count() == 1


def test_a_refusal_leaves_no_transaction_open(
    pipelined, motion, rep_a, member_a, member_b, give_proxy, holder
):
    give_proxy(member_a)  # only the holder votes for A now
    with pytest.raises(PermissionDenied) as refused:
        services.ballot_cast(poll=motion, member_id=member_a.pk, user=rep_a, choice="for")
    assert refused.value.code == "ballot-member-has-proxy"
    assert _idle()  # rolled back: the shared lock is released, the next ballot goes through
    services.ballot_cast(poll=motion, member_id=member_a.pk, user=holder, choice="against")
    assert Ballot.objects.get(poll=motion, member=member_a).cast_by == holder


def test_a_database_error_is_raised_as_django_s_and_the_retry_records_once(
    pipelined, motion, rep_a, member_a
):
    """The close holds the poll's lock too long for the ballot's statement timeout: the view
    answers 503 on Django's DatabaseError, the page retries with the same token."""
    locked, release = threading.Event(), threading.Event()

    def close_holding_the_lock():
        from django.db import connections, transaction

        with transaction.atomic(), connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [POLL_LOCK_CLASS, motion.pk])
            locked.set()
            release.wait(10)
        connections.close_all()

    holder = threading.Thread(target=close_holding_the_lock)
    holder.start()
    locked.wait(10)
    token = uuid.uuid4()
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = '200ms'")
    try:
        with pytest.raises(DatabaseError):
            services.ballot_cast(
                poll=motion, member_id=member_a.pk, user=rep_a, choice="for", token=token
            )
        assert _idle()
    finally:
        release.set()
        holder.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET statement_timeout")
    retried = services.ballot_cast(
        poll=motion, member_id=member_a.pk, user=rep_a, choice="for", token=token
    )
    assert retried.choice == "for" and Ballot.objects.filter(poll=motion).count() == 1


def test_a_closed_poll_refuses_the_ballot(pipelined, motion, chair, rep_a, member_a):
    services.poll_close(poll=motion, user=chair)
    with pytest.raises(ValidationError) as refused:
        services.ballot_cast(poll=motion, member_id=member_a.pk, user=rep_a, choice="for")
    assert refused.value.code == "ballot-poll-closed" and _idle()
    assert not Ballot.objects.filter(poll=motion).exists()
