"""The API's list of annexes: the annexes each meeting's agenda shows the reader
(`agenda_rows`), read without every item of every agenda, in as many queries however many
meetings and items there are."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from meetings import selectors
from tests.meetings.factories import AgendaItemFactory, AnnexFactory, MeetingFactory


def _assembly(n):
    """A published assembly: a public annex, a confidential one, one withdrawn, and a
    confidential item with an annex; items without annexes."""
    meeting = MeetingFactory(published=True, title=f"ALV {n}")
    public = AgendaItemFactory(meeting=meeting, position=1)
    AnnexFactory(agenda_item=public, code="1a", title=f"Openbaar {n}")
    AnnexFactory(agenda_item=public, code="1b", title=f"Vertrouwelijk {n}", confidential=True)
    AnnexFactory(
        agenda_item=public,
        code="1c",
        title=f"Ingetrokken {n}",
        withdrawn_at=timezone.now(),
        withdrawn_reason="Verkeerde versie",
    )
    secret = AgendaItemFactory(meeting=meeting, position=2, confidential=True)
    AnnexFactory(agenda_item=secret, code="2a", title=f"Bij besloten punt {n}")
    for position in range(3, 8):
        AgendaItemFactory(meeting=meeting, position=position)
    return meeting


def _as_the_agendas_show(user):
    return {
        annex.pk
        for meeting in selectors.meetings_visible(user)
        for row in selectors.agenda_rows(meeting, user)
        for annex in row.annexes
    }


def _titles(user):
    return {a.title for a in selectors.agenda_annexes(selectors.meetings_visible(user), user)}


def test_the_list_holds_what_each_agenda_shows_its_reader(db, secretariat, secretary_a, chair):
    for n in range(3):
        _assembly(n)
    for user in (secretariat, secretary_a, chair):
        listed = selectors.agenda_annexes(selectors.meetings_visible(user), user)
        assert {annex.pk for annex in listed} == _as_the_agendas_show(user)
    assert _titles(secretary_a) == {"Openbaar 0", "Openbaar 1", "Openbaar 2"}
    titles = _titles(secretariat)
    assert {"Vertrouwelijk 0", "Ingetrokken 0", "Bij besloten punt 0"} <= titles


def test_the_api_list_makes_as_many_queries_with_more_meetings(client_for, secretariat):
    _assembly(0)
    client = client_for(secretariat)

    def listed():
        with CaptureQueriesContext(connection) as queries:
            answer = client.get("/api/v1/annexes")
        assert answer.status_code == 200
        return answer.json()["count"], len(queries)

    count, few = listed()
    assert count == 4
    for n in range(1, 6):
        _assembly(n)
    count, many = listed()
    assert count == 24
    assert many == few
