"""A convened assembly with public and confidential items, annexes and decisions, and a client
that speaks to the API with a personal token."""

import datetime

import pytest
from django.test import Client

from accounts import tokens
from meetings.constants import ItemPurpose
from tests.meetings.factories import AgendaItemFactory, AnnexFactory, MeetingFactory
from tests.voting.conftest import (  # noqa: F401 (fixtures)
    give_proxy,
    holder,
    in_session,
    item,
    meeting,
    motion,
    rep_a,
    rep_b,
)


@pytest.fixture
def token_client():
    """`token_client(user)`: a client sending `Authorization: Bearer <a new token of user>`."""

    def make(user, days=30) -> Client:
        _, plain = tokens.token_create(user=user, name="test", days=days)
        return Client(HTTP_AUTHORIZATION=f"Bearer {plain}")

    return make


@pytest.fixture
def published(db):
    """A closed, published assembly: a public and a confidential item, each with an annex, a
    confidential annex on the public item, and a public and a confidential decision."""
    from meetings.models import Decision

    assembly = MeetingFactory(published=True, date=datetime.date(2020, 3, 10), title="ALV maart")
    public = AgendaItemFactory(
        meeting=assembly, position=1, title="Jaarrekening", purpose=ItemPurpose.DECISION
    )
    secret = AgendaItemFactory(
        meeting=assembly, position=2, title="Personele zaak", confidential=True,
        description="GEHEIM-ITEM-TEKST", proposal="GEHEIM-VOORSTEL",
    )  # fmt: skip
    AnnexFactory(agenda_item=public, code="1a", title="Jaarrekening 2019")
    AnnexFactory(agenda_item=public, code="1b", title="GEHEIME-BIJLAGE", confidential=True)
    AnnexFactory(agenda_item=secret, code="2a", title="BIJLAGE-BIJ-GEHEIM-PUNT")
    Decision.objects.create(meeting=assembly, number=1, date=assembly.date, text="Vastgesteld.")
    Decision.objects.create(
        meeting=assembly, number=2, date=assembly.date, text="GEHEIM-BESLUIT", confidential=True
    )
    return assembly
