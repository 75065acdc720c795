"""The agenda text of the convocation e-mail and the .ics: built in a fixed number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from meetings.tasks import agenda_text
from tests.meetings.factories import AgendaItemFactory, AnnexFactory, MeetingFactory


def _queries(meeting) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        text = agenda_text(meeting)
    return len(queries), text


def test_agenda_text_makes_no_query_per_item(db):
    meeting = MeetingFactory(convened=True)
    AnnexFactory(agenda_item=AgendaItemFactory(meeting=meeting, position=1, title="Opening"))
    few, _text = _queries(meeting)
    for position in range(2, 12):
        item = AgendaItemFactory(meeting=meeting, position=position, title=f"Punt {position}")
        AnnexFactory(agenda_item=item, title=f"Stuk {position}")
    many, text = _queries(meeting)
    assert many == few == 2
    assert "11. Punt 11" in text and "Stuk 11" in text
