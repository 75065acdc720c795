"""Against PostgreSQL: many threads voting for one member store exactly one ballot; ballots
racing the close are either counted or refused, never lost; early deletion is refused."""

import contextlib
import threading
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, connections

from tests.processes import require_services
from voting import selectors, services
from voting.models import Ballot


def _in_thread(target):
    def run(*args):
        try:
            return target(*args)
        finally:
            connections.close_all()

    return run


@pytest.mark.django_db(transaction=True)
def test_many_threads_one_member_one_ballot(motion, rep_a, member_a, give_proxy, holder):
    require_services(redis=False)
    # Both the representative and the holder press the button; only the holder votes for A.
    give_proxy(member_a)
    outcomes, barrier = [], threading.Barrier(16)

    @_in_thread
    def vote(user, choice):
        barrier.wait()
        try:
            services.ballot_cast(
                poll=motion, member_id=member_a.pk, user=user, choice=choice, token=uuid.uuid4()
            )
            outcomes.append("recorded")
        except (ValidationError, PermissionDenied):
            outcomes.append("refused")

    threads = [
        threading.Thread(
            target=vote, args=(rep_a if n % 2 else holder, "for" if n % 2 else "against")
        )
        for n in range(16)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    ballot = Ballot.objects.get(poll=motion, member=member_a)
    assert (ballot.cast_by, ballot.choice) == (holder, "against")
    assert outcomes.count("recorded") == 1 and outcomes.count("refused") == 15
    totals = selectors.counts(motion)
    assert totals["for"] + totals["against"] == 1


@pytest.mark.django_db(transaction=True)
def test_a_secret_tally_matches_the_ballots_under_concurrency(
    secret_motion, chair, tellers, teller_files
):
    require_services(redis=False)
    from tests.members.factories import MemberFactory
    from tests.voting.conftest import representative

    voters = [
        (m, representative(m, f"rep-{m.pk}"))
        for m in (MemberFactory(name=f"Gemeente {n}") for n in range(12))
    ]
    barrier = threading.Barrier(len(voters) * 2)

    @_in_thread
    def vote(member, user, choice):
        barrier.wait()
        with contextlib.suppress(ValidationError, PermissionDenied):
            services.ballot_cast(
                poll=secret_motion,
                member_id=member.pk,
                user=user,
                choice=choice,
                token=uuid.uuid4(),
            )

    threads = [
        threading.Thread(target=vote, args=(member, user, choice))
        for member, user in voters
        for choice in ("for", "against")  # every member twice at once: one of each lands
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    from tests.voting.secret import tellers_confirm

    services.poll_close(poll=secret_motion, user=chair)
    poll = tellers_confirm(secret_motion, teller_files, tellers[:2])
    totals = selectors.counts(poll)
    assert totals["for"] + totals["against"] == Ballot.objects.filter(poll=poll).count() == 12
    assert poll.tally["ballots"] == 12


@pytest.mark.django_db(transaction=True)
def test_ballots_racing_the_close_are_counted_or_refused(motion, chair):
    require_services(redis=False)
    from tests.members.factories import MemberFactory
    from tests.voting.conftest import representative

    voters = [
        (m, representative(m, f"rep-{m.pk}"))
        for m in (MemberFactory(name=f"Lid {n}") for n in range(20))
    ]
    barrier = threading.Barrier(len(voters) + 1)
    accepted = []

    @_in_thread
    def vote(member, user):
        barrier.wait()
        try:
            services.ballot_cast(poll=motion, member_id=member.pk, user=user, choice="for")
            accepted.append(member.pk)
        except ValidationError:
            pass

    @_in_thread
    def close():
        barrier.wait()
        services.poll_close(poll=motion, user=chair)

    threads = [threading.Thread(target=vote, args=voter) for voter in voters]
    threads.append(threading.Thread(target=close))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    motion.refresh_from_db()
    # Every accepted ballot is in the result, and no ballot came in after it.
    assert motion.counts["for"] == len(accepted) == Ballot.objects.filter(poll=motion).count()


@pytest.mark.django_db(transaction=True)
def test_ballots_attendance_and_proxies_are_kept_a_year(
    motion, rep_a, member_a, give_proxy, holder, member_b
):
    require_services(redis=False)
    assert connection.vendor == "postgresql"
    services.ballot_cast(poll=motion, member_id=member_a.pk, user=rep_a, choice="for")
    proxy = give_proxy(member_b)
    from meetings import services as meeting_services

    meeting_services.attendance_record(meeting=motion.meeting, member=member_a, person="R. A")
    for queryset in (
        Ballot.objects.all(),
        motion.meeting.attendance.all(),
        type(proxy).objects.filter(pk=proxy.pk),
    ):
        with pytest.raises(IntegrityError, match="retention"):
            queryset.delete()
    assert Ballot.objects.count() == 1
