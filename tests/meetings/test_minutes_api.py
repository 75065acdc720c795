"""The minutes through the API: a page of minutes reads its entries in a fixed number of
queries, with the same entries (and the same confidential text withheld) as one minutes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.constants import ItemPurpose
from meetings.models import Minutes, MinutesEntry
from tests.meetings.factories import AgendaItemFactory, MeetingFactory


def _minutes(n):
    meeting = MeetingFactory(published=True, title=f"ALV {n}")
    minutes = Minutes.objects.create(meeting=meeting)
    for position, confidential in ((1, False), (2, True)):
        item = AgendaItemFactory(
            meeting=meeting,
            position=position,
            title=f"Punt {position}",
            purpose=ItemPurpose.DISCUSSION,
            confidential=confidential,
        )
        MinutesEntry.objects.create(minutes=minutes, agenda_item=item, text=f"Tekst {n}.{position}")
    return minutes


def _list(client):
    with CaptureQueriesContext(connection) as queries:
        results = client.get("/api/v1/minutes").json()["results"]
    return results, len(queries)


def test_a_page_of_minutes_costs_the_same_queries_however_many_minutes(client_for, secretary_a):
    client = client_for(secretary_a)
    _minutes(1)
    client.get("/api/v1/minutes")  # the session and the roles, read once
    one, few = _list(client)
    for n in range(2, 6):
        _minutes(n)
    five, more = _list(client)
    assert len(one) == 1 and len(five) == 5
    assert more == few


def test_the_list_shows_each_minutes_entries_as_its_own_page_does(client_for, secretary_a):
    client = client_for(secretary_a)
    made = [_minutes(n) for n in (1, 2)]
    listed = {row["id"]: row["entries"] for row in client.get("/api/v1/minutes").json()["results"]}
    for minutes in made:
        alone = client.get(f"/api/v1/minutes/{minutes.pk}").json()["entries"]
        assert listed[minutes.pk] == alone
        # A member's secretary does not read a confidential item's minutes.
        assert [(e["restricted"], e["text"] is None) for e in alone] == [
            (False, False),
            (True, True),
        ]
