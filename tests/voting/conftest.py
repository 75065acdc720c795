import datetime

import pytest

from meetings.constants import ItemPurpose, MeetingFormat
from members.constants import MandateKind
from proxies.services import Holder, proxy_file
from tests.accounts.factories import UserFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.members.factories import MandateFactory, MemberFactory
from voting import services


@pytest.fixture
def meeting(db):
    return MeetingFactory(convened=True, format=MeetingFormat.DIGITAL)


@pytest.fixture
def item(meeting):
    return AgendaItemFactory(
        meeting=meeting,
        position=4,
        title="Jaarrekening 2019",
        purpose=ItemPurpose.DECISION,
        proposal="De ALV stelt de jaarrekening 2019 vast.",
    )


def representative(member, username):
    user = UserFactory(username=username, email=f"{username}@example.org")
    MandateFactory(
        member=member, kind=MandateKind.REPRESENTATIVE, name=user.get_full_name(), user=user
    )
    return user


@pytest.fixture
def member_c(db):
    return MemberFactory(name="Gemeente C")


@pytest.fixture
def rep_a(member_a):
    return representative(member_a, "rep-a")


@pytest.fixture
def rep_b(member_b):
    return representative(member_b, "rep-b")


@pytest.fixture
def holder(db):
    return UserFactory(
        username="holder", email="holder@example.org", first_name="Karin", last_name="Cornelissen"
    )


@pytest.fixture
def give_proxy(meeting, secretariat, holder):
    def give(member, *, instructions=None, to=None):
        to = to or holder
        return proxy_file(
            meeting=meeting,
            member=member,
            filed_by=secretariat,
            holder=Holder(name=to.get_full_name(), email=to.email),
            signatory_name="Burgemeester",
            signatory_function="Burgemeester",
            signed_on=datetime.date.today(),
            instructions=instructions or {},
            # Most tests file while the meeting is in session: the secretariat, with a reason.
            reason="Ingediend tijdens de vergadering",
        )

    return give


@pytest.fixture
def in_session(meeting, chair):
    from meetings import services as meeting_services

    meeting_services.meeting_open(meeting=meeting, user=chair)
    meeting.refresh_from_db()
    return meeting


@pytest.fixture
def motion(in_session, item, chair):
    poll = services.poll_create(
        meeting=in_session, user=chair, question="Vaststellen jaarrekening 2019", agenda_item=item
    )
    return services.poll_open(poll=poll, user=chair)


@pytest.fixture
def tellers(chair, secretary_a, secretary_b):
    """The chair and two members' secretaries, each with a teller key (2 of 3 by default)."""
    return [chair, secretary_a, secretary_b]


@pytest.fixture
def teller_files(tellers):
    from tests.voting.secret import teller_keys

    return teller_keys(*tellers)


@pytest.fixture
def secret_motion(in_session, item, chair, tellers, teller_files):
    poll = services.poll_create(
        meeting=in_session,
        user=chair,
        question="Herbenoeming Johan Boomgaardt",
        agenda_item=item,
        decision_kind="persons",
        tellers=tellers,
    )
    return services.poll_open(poll=poll, user=chair)
