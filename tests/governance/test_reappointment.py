"""A closed poll or decision outside a meeting that adopts "Herbenoeming X" extends X's term
(the voting app calls `term_reappoint_from_outcome` in the transaction that closes it)."""

import datetime

import pytest
from django.utils import timezone

from governance import services
from governance.constants import AppointmentKind, ProposalStatus
from meetings import services as meeting_services
from meetings.constants import ItemPurpose, MeetingFormat
from members.constants import MandateKind
from tests.accounts.factories import UserFactory
from tests.governance.factories import TermFactory
from tests.meetings.factories import MeetingFactory
from tests.members.factories import MandateFactory
from voting import services as voting

D = datetime.date


@pytest.fixture
def term(db):
    return TermFactory(starts_on=D(2016, 6, 20), commissioner__name="Johan Boomgaardt")


@pytest.fixture
def rep_a(member_a):
    user = UserFactory(username="rep-a")
    MandateFactory(member=member_a, kind=MandateKind.REPRESENTATIVE, name="Rep", user=user)
    return user


def _close_poll(proposal, chair, rep, member, choice):
    from accounts.constants import Role
    from tests.voting.secret import teller_keys, tellers_confirm

    meeting = proposal.poll.meeting
    meeting_services.meeting_open(meeting=meeting, user=chair)
    tellers = [chair, UserFactory(roles=[Role.SECRETARIAT])]  # the holders of a teller key
    keys = teller_keys(*tellers)
    poll = voting.poll_open(poll=proposal.poll, user=chair)
    voting.ballot_cast(poll=poll, member_id=member.pk, user=rep, choice=choice)
    voting.poll_close(poll=poll, user=chair)
    poll = tellers_confirm(poll, keys, tellers)  # the second teller's calls the governance hook
    proposal.refresh_from_db()
    return poll, proposal.term


def test_an_adopted_secret_poll_creates_the_next_term(term, secretariat, chair, rep_a, member_a):
    meeting = MeetingFactory(convened=True, format=MeetingFormat.DIGITAL)
    proposal = services.appointment_propose(
        user=secretariat,
        commissioner=term.commissioner,
        kind=AppointmentKind.REAPPOINTMENT,
        meeting=meeting,
        ends_on=D(2020, 12, 31),
        ends_on_reason="Tot en met de ALV van december",
    )
    assert proposal.poll.secret and proposal.poll.decision_kind == "persons"
    assert proposal.agenda_item.purpose == ItemPurpose.DECISION
    poll, new = _close_poll(proposal, chair, rep_a, member_a, "for")
    assert (new.number, new.starts_on, new.ends_on) == (2, D(2020, 6, 21), D(2020, 12, 31))
    assert new.poll == poll and new.decision == poll.decision
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ADOPTED and proposal.term == new


def test_a_rejected_poll_creates_no_term(term, secretariat, chair, rep_a, member_a):
    meeting = MeetingFactory(convened=True, format=MeetingFormat.DIGITAL)
    proposal = services.appointment_propose(
        user=secretariat,
        commissioner=term.commissioner,
        kind=AppointmentKind.REAPPOINTMENT,
        meeting=meeting,
    )
    _poll, new = _close_poll(proposal, chair, rep_a, member_a, "against")
    assert new is None
    assert term.commissioner.terms.count() == 1
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED


def test_a_decision_outside_a_meeting_creates_the_next_term(term, secretariat, rep_a, member_a):
    resolution = voting.resolution_create(
        user=secretariat,
        title="Herbenoeming",
        proposal="Herbenoeming X",
        deadline=timezone.now() + datetime.timedelta(days=30),
    )
    voting.resolution_board_informed(resolution=resolution, user=secretariat, on=D(2020, 3, 16))
    resolution = voting.resolution_open(resolution=resolution, user=secretariat)
    services.appointment_propose_in_writing(
        user=secretariat,
        commissioner=term.commissioner,
        kind=AppointmentKind.REAPPOINTMENT,
        resolution=resolution,
    )
    voting.resolution_answer(resolution=resolution, member=member_a, user=rep_a, answer="consent")
    resolution = voting.resolution_close(resolution=resolution, user=secretariat)
    assert resolution.adopted
    new = term.commissioner.terms.get(number=2)  # created by the hook within the close
    assert new.number == 2 and new.resolution == resolution
    assert new.starts_on == term.ends_on + datetime.timedelta(days=1)
    assert new.decided_on == resolution.decision.date


def test_an_outcome_without_a_proposal_is_left_alone(term):
    assert (
        services.term_reappoint_from_outcome(
            poll=None, resolution=None, adopted=True, decision=None, user=None
        )
        is None
    )
