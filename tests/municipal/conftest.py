"""An assembly as the seed's of 17 June 2020 has it, made with factories: the minutes of the
previous meeting with a public annex 1a and a confidential 1b, the accounts with annex 2, an
annex announced to follow, and an item that is not put to a decision."""

import datetime

import pytest

from meetings.constants import ItemPurpose, MeetingFormat
from statutes.selectors import association_current
from tests.meetings.factories import AgendaItemFactory, AnnexFactory, MeetingFactory


@pytest.fixture
def alv(db):
    meeting = MeetingFactory(
        convened=True, format=MeetingFormat.DIGITAL, location="Video-call", title="ALV"
    )
    AgendaItemFactory(meeting=meeting, position=1, title="Opening en vaststelling agenda")
    minutes = AgendaItemFactory(
        meeting=meeting,
        position=3,
        title="Notulen vorige vergadering",
        purpose=ItemPurpose.DECISION,
        proposal="De ALV stelt de notulen van de ALV van 10 maart 2020 vast.",
    )
    accounts = AgendaItemFactory(
        meeting=meeting,
        position=4,
        title="Jaarverslag Dimpact 2019",
        purpose=ItemPurpose.DECISION,
        proposal="De ALV stelt de jaarrekening 2019 vast.",
    )
    strategy = AgendaItemFactory(meeting=meeting, position=6, title="Strategienota")
    AnnexFactory(agenda_item=minutes, code="1a", title="Notulen ALV 10 maart 2020")
    AnnexFactory(
        agenda_item=minutes,
        code="1b",
        title="Notulen ALV 10 maart 2020 Vertrouwelijk agendapunt",
        confidential=True,
    )
    AnnexFactory(agenda_item=accounts, code="2", title="Jaarrekening 2019")
    AnnexFactory(
        agenda_item=strategy,
        code="6",
        title="Strategiedocument 2020-2025",
        file="",
        due_date=datetime.date(2020, 6, 4),
    )
    return meeting


@pytest.fixture
def secretaries_without_confidential(db):
    """The association's setting under which a secretary's pack leaves out annex 1b (the
    default; set here so that the tests say what they rely on)."""
    association = association_current()
    association.confidential_annexes_for_secretaries = False
    association.save()
    return association


@pytest.fixture
def secretaries_with_confidential(db):
    """The statutes let a member's secretary read confidential annexes as its representative."""
    association = association_current()
    association.confidential_annexes_for_secretaries = True
    association.save()
    return association
