"""A term decided in writing (Civil Code 2:40) put to an assembly for ratification: the
adopted poll records its decision on the term (`term_ratify_from_outcome`), the term itself
stays as the written decision made it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from governance import services
from governance.constants import AppointmentKind
from meetings import services as meeting_services
from meetings.constants import ItemPurpose, MeetingFormat
from members.constants import MandateKind
from tests.accounts.factories import UserFactory
from tests.governance.factories import TermFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.members.factories import MandateFactory
from voting import services as voting

D = datetime.date


@pytest.fixture
def rep_a(member_a):
    user = UserFactory(username="rep-a")
    MandateFactory(member=member_a, kind=MandateKind.REPRESENTATIVE, name="Rep", user=user)
    return user


@pytest.fixture
def written_term(db, secretariat, rep_a, member_a):
    """Carolien Besselink's second term, decided by all members in writing."""
    first = TermFactory(starts_on=D(2015, 12, 7), ends_on=D(2019, 12, 9))
    resolution = voting.resolution_create(
        user=secretariat,
        title="Herbenoeming",
        proposal="Herbenoeming Carolien Besselink",
        deadline=timezone.now() + datetime.timedelta(days=30),
    )
    voting.resolution_board_informed(resolution=resolution, user=secretariat, on=D(2020, 3, 16))
    resolution = voting.resolution_open(resolution=resolution, user=secretariat)
    services.appointment_propose_in_writing(
        user=secretariat,
        commissioner=first.commissioner,
        kind=AppointmentKind.REAPPOINTMENT,
        resolution=resolution,
    )
    voting.resolution_answer(resolution=resolution, member=member_a, user=rep_a, answer="consent")
    voting.resolution_close(resolution=resolution, user=secretariat)
    return first.commissioner.terms.get(number=2)


@pytest.fixture
def item(db):
    meeting = MeetingFactory(convened=True, format=MeetingFormat.DIGITAL)
    return AgendaItemFactory(meeting=meeting, position=5, purpose=ItemPurpose.DECISION)


def _ratify(term, item, secretariat):
    return services.term_ratification_propose(
        user=secretariat,
        term=term,
        meeting=item.meeting,
        agenda_item=item,
        question="De ALV bekrachtigt de herbenoeming",
        secret=False,
    )


def _vote(poll, chair, rep, member, choice):
    meeting_services.meeting_open(meeting=poll.meeting, user=chair)
    voting.poll_open(poll=poll, user=chair)
    voting.ballot_cast(poll=poll, member_id=member.pk, user=rep, choice=choice)
    return voting.poll_close(poll=poll, user=chair)


def test_an_adopted_ratification_is_kept_on_the_term(
    written_term, item, secretariat, chair, rep_a, member_a
):
    poll = _ratify(written_term, item, secretariat)
    assert poll.decision_kind == "persons" and not poll.secret
    poll = _vote(poll, chair, rep_a, member_a, "for")
    written_term.refresh_from_db()
    assert written_term.ratified_by == poll.decision
    assert written_term.resolution is not None and written_term.number == 2


def test_a_rejected_ratification_leaves_the_written_decision_alone(
    written_term, item, secretariat, chair, rep_a, member_a
):
    _vote(_ratify(written_term, item, secretariat), chair, rep_a, member_a, "against")
    written_term.refresh_from_db()
    assert written_term.ratified_by is None and written_term.resolution is not None


def test_only_a_term_decided_in_writing_is_ratified(item, secretariat):
    term = TermFactory()
    with pytest.raises(ValidationError) as refused:
        _ratify(term, item, secretariat)
    assert refused.value.code == "term-ratification-written-only"


def test_a_term_is_put_to_ratification_once(written_term, item, secretariat):
    _ratify(written_term, item, secretariat)
    with pytest.raises(ValidationError) as refused:
        _ratify(written_term, item, secretariat)
    assert refused.value.code == "term-ratification-once"
