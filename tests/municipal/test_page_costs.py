"""What the municipal pages read and make per visit: the mandates of the members one votes for
in a fixed number of queries, a note made once for the same content, the overview's rows."""

import dataclasses
import datetime
import io

import docx
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.constants import ItemPurpose
from municipal import selectors, services
from municipal.constants import Position
from municipal.note import note_content, note_docx
from tests.members.factories import MemberFactory


def _decide(meeting, member, secretariat, number):
    positions = {
        item.pk: Position.AGAINST for item in meeting.items.filter(purpose=ItemPurpose.DECISION)
    }
    return services.executive_decision_record(
        meeting=meeting,
        member=member,
        user=secretariat,
        body="college van B&W",
        date=datetime.date(2020, 6, 16),
        note_number=f"2020-{number:06d}",
        positions=positions,
    )


def _mandates(meeting, members):
    with CaptureQueriesContext(connection) as queries:
        found = selectors.mandates(meeting, members)
    return found, len(queries)


def test_the_mandates_of_more_members_take_no_more_queries(alv, secretariat):
    """The positions were read with a query per member voted for."""
    members = [MemberFactory(name=f"Gemeente {n}") for n in "ABCDE"]
    _decide(alv, members[0], secretariat, 1)
    (one,), few = _mandates(alv, members)
    for n, member in enumerate(members[1:], start=2):
        _decide(alv, member, secretariat, n)
    found, many = _mandates(alv, members)
    assert many == few
    assert [m.member.name for m in found] == [f"Gemeente {n}" for n in "ABCDE"]
    decided = alv.items.filter(purpose=ItemPurpose.DECISION).order_by("position")
    for mandate in found:
        assert [(item, label) for item, label in mandate.positions] == [
            (item, "Tegen") for item in decided
        ]
    assert one.decision.note_number == "2020-000001"


def test_a_note_of_the_same_content_is_made_once(alv, member_a):
    content = note_content(alv, member_a)
    first = note_docx(content)
    assert note_docx(note_content(alv, member_a)) is first
    other = dataclasses.replace(content, note_number="2020-999999")
    second = note_docx(other)
    assert second != first
    table = docx.Document(io.BytesIO(second)).tables[0]
    assert "2020-999999" in [row.cells[1].text for row in table.rows]
    table = docx.Document(io.BytesIO(first)).tables[0]
    assert "2020-999999" not in [row.cells[1].text for row in table.rows]


def test_the_downloaded_note_follows_a_new_decision(alv, member_a, secretary_a, client_for):
    client = client_for(secretary_a)
    url = reverse("municipal:note-docx", args=[alv.pk, member_a.slug])

    def numbers():
        table = docx.Document(io.BytesIO(client.get(url).content)).tables[0]
        return [row.cells[1].text for row in table.rows]

    assert "2020-000007" not in numbers()
    _decide(alv, member_a, secretary_a, 7)
    assert "2020-000007" in numbers()


def test_the_overview_names_the_holder_only_where_a_decision_authorises_one(
    alv, secretariat, member_a, member_b, client_for
):
    decision = _decide(alv, member_a, secretariat, 3)
    decision.holder_name = "Karin Cornelissen"
    decision.save()
    page = client_for(secretariat).get(reverse("municipal:overview", args=[alv.pk]))
    rows = page.text.split("<tr><td>")[1:]
    (row_a,) = [row for row in rows if "Gemeente A" in row]
    (row_b,) = [row for row in rows if "Gemeente B" in row]
    assert "<td>Karin Cornelissen</td></tr>" in row_a and "2020-000003" in row_a
    assert "<td></td></tr>" in row_b and "—" in row_b
