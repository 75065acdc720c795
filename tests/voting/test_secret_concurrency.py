"""The concurrency, duplicate and close-race guarantees hold for secret polls too (PostgreSQL):
one ballot per member under many threads, ballots racing the close counted or refused (the
decrypted tally equals the ballots accepted), a ballot retried after a database error once."""

import threading
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.urls import reverse

from tests.processes import require_services
from tests.voting.secret import tellers_confirm
from voting import services
from voting.models import Ballot


def _in_thread(target):
    def run(*args):
        try:
            return target(*args)
        finally:
            connections.close_all()

    return run


def _run(threads):
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


@pytest.mark.django_db(transaction=True)
def test_many_threads_one_member_one_secret_ballot(
    secret_motion, rep_a, member_a, give_proxy, holder, chair, tellers, teller_files
):
    require_services(redis=False)
    give_proxy(member_a)
    outcomes, barrier = [], threading.Barrier(12)

    @_in_thread
    def vote(user, choice):
        barrier.wait()
        try:
            services.ballot_cast(
                poll=secret_motion, member_id=member_a.pk, user=user, choice=choice
            )
            outcomes.append("recorded")
        except (ValidationError, PermissionDenied):
            outcomes.append("refused")

    _run(
        [
            threading.Thread(target=vote, args=(rep_a if n % 2 else holder, "against"))
            for n in range(12)
        ]
    )
    assert outcomes.count("recorded") == 1
    ballot = Ballot.objects.get(poll=secret_motion, member=member_a)
    assert ballot.cast_by == holder and ballot.choice == "" and ballot.tracker
    services.poll_close(poll=secret_motion, user=chair)
    poll = tellers_confirm(secret_motion, teller_files, tellers[:2])
    assert poll.counts["against"] == 1 and poll.counts["for"] == 0


@pytest.mark.django_db(transaction=True)
def test_secret_ballots_racing_the_close_are_counted_or_refused(
    secret_motion, chair, tellers, teller_files
):
    require_services(redis=False)
    from tests.members.factories import MemberFactory
    from tests.voting.conftest import representative

    voters = [
        (m, representative(m, f"rep-{m.pk}"))
        for m in (MemberFactory(name=f"Lid {n}") for n in range(16))
    ]
    barrier = threading.Barrier(len(voters) + 1)
    accepted = []

    @_in_thread
    def vote(member, user):
        barrier.wait()
        try:
            services.ballot_cast(poll=secret_motion, member_id=member.pk, user=user, choice="for")
            accepted.append(member.pk)
        except ValidationError:
            pass

    @_in_thread
    def close():
        barrier.wait()
        services.poll_close(poll=secret_motion, user=chair)

    _run(
        [threading.Thread(target=vote, args=voter) for voter in voters]
        + [threading.Thread(target=close)]
    )
    poll = tellers_confirm(secret_motion, teller_files, tellers[1:])
    stored = Ballot.objects.filter(poll=poll).count()
    assert poll.counts["for"] == len(accepted) == stored == poll.tally["ballots"]


@pytest.mark.django_db
def test_a_secret_ballot_retried_after_a_database_error_is_recorded_once(
    client_for, secret_motion, rep_a, member_a
):
    if connection.vendor != "postgresql":
        pytest.skip("injects a statement timeout of PostgreSQL")
    client = client_for(rep_a)
    data = {"member": member_a.pk, "choice": "for", "token": str(uuid.uuid4())}
    injected = []

    def timeout_on_the_first_insert(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT INTO VOTING_BALLOT") and not injected:
            injected.append(sql)
            with context["connection"].cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = '1ms'")
                cursor.execute("SELECT pg_sleep(0.05)")
        return execute(sql, params, many, context)

    url = reverse("voting:ballot", args=[secret_motion.pk])
    with connection.execute_wrapper(timeout_on_the_first_insert):
        first = client.post(url, data, headers={"HX-Request": "true"})
    assert injected and first.status_code == 503 and not Ballot.objects.exists()
    retry = client.post(url, data, headers={"HX-Request": "true"})
    assert retry.status_code == 200 and "Gemeente A: voor, vastgelegd om" in retry.text
    tracker = Ballot.objects.get(poll=secret_motion).tracker
    assert tracker in retry.text
    again = client.post(url, data, headers={"HX-Request": "true"})
    assert "al vastgelegd" in again.text and tracker in again.text
    assert Ballot.objects.filter(poll=secret_motion).count() == 1
