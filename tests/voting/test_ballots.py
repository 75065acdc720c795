"""Who votes for which member, and the guarantees on ballots."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from proxies.constants import Position
from statutes.selectors import association_current
from voting import selectors, services
from voting.models import Ballot

pytestmark = pytest.mark.django_db


def test_the_representative_casts_its_members_ballot(motion, rep_a, member_a):
    ballot = services.ballot_cast(poll=motion, member_id=member_a.pk, user=rep_a, choice="for")
    assert (ballot.via, ballot.choice, ballot.weight) == ("representative", "for", 1)
    assert selectors.counts(motion)["for"] == 1


def test_someone_else_cannot_vote_for_a_member(motion, rep_b, member_a):
    with pytest.raises(PermissionDenied) as excinfo:
        services.ballot_cast(poll=motion, member_id=member_a.pk, user=rep_b, choice="for")
    assert excinfo.value.code == "ballot-not-entitled"
    assert Ballot.objects.count() == 0


def test_the_database_holds_one_ballot_per_member(motion, rep_a, member_a):
    Ballot.objects.create(
        poll=motion, member=member_a, cast_by=rep_a, via="representative", choice="for"
    )
    with pytest.raises(IntegrityError):
        Ballot.objects.create(
            poll=motion, member=member_a, cast_by=rep_a, via="representative", choice="against"
        )


def test_the_same_submission_twice_is_recorded_once(motion, rep_a, member_a):
    token = uuid.uuid4()
    first = services.ballot_cast(
        poll=motion, member_id=member_a.pk, user=rep_a, choice="for", token=token
    )
    again = services.ballot_cast(
        poll=motion, member_id=member_a.pk, user=rep_a, choice="for", token=token
    )
    assert again.pk == first.pk
    assert Ballot.objects.count() == 1
    assert selectors.counts(motion)["for"] == 1


def test_the_representative_is_refused_while_a_proxy_is_active_and_votes_after_revocation(
    motion, rep_a, member_a, give_proxy, holder, secretariat
):
    # Regression: the representative voted "tegen" before the holder instructed "voor" could.
    from proxies.services import proxy_revoke

    proxy = give_proxy(member_a)
    with pytest.raises(PermissionDenied) as excinfo:
        services.ballot_cast(poll=motion, member_id=member_a.pk, user=rep_a, choice="against")
    assert excinfo.value.code == "ballot-member-has-proxy"
    assert [seat.member for seat in selectors.seats(rep_a, motion.meeting)] == []
    assert selectors.voter_for(member_a, motion.meeting).user_id == holder.pk
    proxy_revoke(proxy=proxy, user=secretariat, reason="De burgemeester is er zelf")
    ballot = services.ballot_cast(poll=motion, member_id=member_a.pk, user=rep_a, choice="for")
    assert ballot.via == "representative"
    with pytest.raises(PermissionDenied) as excinfo:
        services.ballot_cast(poll=motion, member_id=member_a.pk, user=holder, choice="for")
    assert excinfo.value.code == "ballot-not-entitled"


def test_the_holders_ballot_is_the_members_one_ballot(motion, member_a, give_proxy, holder):
    give_proxy(member_a)
    services.ballot_cast(poll=motion, member_id=member_a.pk, user=holder, choice="against")
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(poll=motion, member_id=member_a.pk, user=holder, choice="for")
    assert excinfo.value.code == "ballot-one-per-member"
    assert selectors.counts(motion) == {"for": 0, "against": 1, "abstain": 0, "candidates": {}}


def test_a_voting_instruction_is_enforced(motion, item, member_b, give_proxy, holder):
    give_proxy(member_b, instructions={item.pk: Position.FOR})
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(poll=motion, member_id=member_b.pk, user=holder, choice="against")
    assert excinfo.value.code == "ballot-against-instruction"
    assert Ballot.objects.count() == 0
    ballot = services.ballot_cast(poll=motion, member_id=member_b.pk, user=holder, choice="for")
    assert ballot.via == "proxy"


def test_a_holder_casts_the_same_choice_for_all_its_members(
    motion, member_a, member_b, member_c, give_proxy, holder
):
    for member in (member_a, member_b, member_c):
        give_proxy(member)
    token = str(uuid.uuid4())
    results = services.ballots_cast_all(poll=motion, user=holder, choice="abstain", token=token)
    assert [message for _member, _ballot, message in results] == ["", "", ""]
    assert Ballot.objects.filter(poll=motion).count() == 3  # three ballots, one per member
    # The same action again (a double click): nothing new.
    services.ballots_cast_all(poll=motion, user=holder, choice="abstain", token=token)
    assert Ballot.objects.filter(poll=motion).count() == 3
    assert selectors.counts(motion)["abstain"] == 3


def test_cast_all_reports_a_member_whose_instruction_differs(
    motion, item, member_a, member_b, give_proxy, holder
):
    give_proxy(member_a)
    give_proxy(member_b, instructions={item.pk: Position.AGAINST})
    results = {
        m.name: msg
        for m, _b, msg in services.ballots_cast_all(poll=motion, user=holder, choice="for")
    }
    assert results["Gemeente A"] == ""
    assert "tegen" in results["Gemeente B"]
    assert Ballot.objects.filter(poll=motion).count() == 1


def test_a_ballot_after_the_close_is_refused(motion, chair, rep_a, member_a):
    services.poll_close(poll=motion, user=chair)
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(poll=motion, member_id=member_a.pk, user=rep_a, choice="for")
    assert excinfo.value.code == "ballot-poll-closed"


def test_a_ballot_before_the_opening_is_refused(in_session, item, chair, rep_a, member_a):
    poll = services.poll_create(
        meeting=in_session, user=chair, question="Nog niet open", agenda_item=item
    )
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(poll=poll, member_id=member_a.pk, user=rep_a, choice="for")
    assert excinfo.value.code == "ballot-poll-not-open"


def test_changing_a_ballot_follows_the_setting(in_session, item, chair, rep_a, member_a):
    association = association_current()
    association.ballot_change_allowed = True
    association.save()
    poll = services.poll_open(
        poll=services.poll_create(
            meeting=in_session, user=chair, question="Wijzigbaar", agenda_item=item
        ),
        user=chair,
    )
    services.ballot_cast(poll=poll, member_id=member_a.pk, user=rep_a, choice="for")
    services.ballot_cast(poll=poll, member_id=member_a.pk, user=rep_a, choice="against")
    assert selectors.counts(poll)["against"] == 1 and selectors.counts(poll)["for"] == 0


def test_changing_is_refused_by_default(motion, rep_a, member_a):
    services.ballot_cast(poll=motion, member_id=member_a.pk, user=rep_a, choice="for")
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(poll=motion, member_id=member_a.pk, user=rep_a, choice="against")
    assert excinfo.value.code == "ballot-one-per-member"


def test_member_weight_is_a_setting(motion, rep_a, member_a):
    association = association_current()
    association.member_vote_weight = 3
    association.save()
    services.ballot_cast(poll=motion, member_id=member_a.pk, user=rep_a, choice="for")
    assert selectors.counts(motion)["for"] == 3


def test_in_a_physical_meeting_only_members_present_vote(in_session, item, chair, rep_a, member_a):
    from meetings import services as meeting_services

    in_session.format = "physical"
    in_session.save()
    poll = services.poll_open(
        poll=services.poll_create(
            meeting=in_session, user=chair, question="In de zaal", agenda_item=item
        ),
        user=chair,
    )
    with pytest.raises(ValidationError) as excinfo:
        services.ballot_cast(poll=poll, member_id=member_a.pk, user=rep_a, choice="for")
    assert excinfo.value.code == "ballot-not-present"
    meeting_services.attendance_record(
        meeting=in_session, member=member_a, person="R. A", present=True
    )
    assert services.ballot_cast(poll=poll, member_id=member_a.pk, user=rep_a, choice="for")
