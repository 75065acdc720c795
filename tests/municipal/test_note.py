"""The draft decision note for the executive: one "Besloten wordt" line per decision item from
its proposed decision, the authorisation, and the publication clause from the confidential
annexes (the docx opened with python-docx; the PDF through the documents service)."""

import dataclasses
import datetime
import io
import re

import docx
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from documents.services import document_render
from meetings.constants import ItemPurpose
from municipal import services
from municipal.note import decided_line, note_content
from tests.meetings.factories import AgendaItemFactory, AnnexFactory


def _docx(client, meeting, member):
    response = client.get(reverse("municipal:note-docx", args=[meeting.pk, member.slug]))
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    return docx.Document(io.BytesIO(response.content))


def _decided(document) -> list[str]:
    """The bullet lines under the heading "It is decided:" ("Besloten wordt:")."""
    return [p.text for p in document.paragraphs if p.style.name == "List Bullet"]


def test_one_decided_line_per_decision_item_from_its_proposal(
    alv, member_a, secretary_a, client_for
):
    lines = _decided(_docx(client_for(secretary_a), alv, member_a))
    items = list(alv.items.filter(purpose=ItemPurpose.DECISION).order_by("position"))
    *decided, authorisation, publication = lines
    assert len(decided) == len(items) == 2
    for line, item in zip(decided, items, strict=True):
        assert item.proposal.rstrip(".") in line and item.title in line
    assert member_a.name in authorisation
    assert publication == note_content(alv, member_a).publication


def test_the_publication_clause_names_exactly_the_confidential_annexes(
    alv, member_a, secretary_a, client_for
):
    item = AgendaItemFactory(meeting=alv, position=5, title="Vertrouwelijk", confidential=True)
    AnnexFactory(agenda_item=item, code="3", title="Voorstel RvC")  # confidential by its item
    publication = _decided(_docx(client_for(secretary_a), alv, member_a))[-1]
    named = set(re.findall(r"\b(?:1a|1b|2|3|6)\b", publication.split(",", 1)[1]))
    assert named == {"1b", "3"}


def test_without_confidential_annexes_everything_is_made_public(alv, member_a):
    alv.items.get(position=3).annexes.filter(code="1b").update(confidential=False)
    assert note_content(alv, member_a).left_out == []
    assert "1b" not in note_content(alv, member_a).publication


def test_the_note_follows_the_executives_decision_and_authorises_its_holder(
    alv, member_a, secretary_a
):
    minutes, accounts = alv.items.filter(purpose=ItemPurpose.DECISION).order_by("position")
    services.executive_decision_record(
        meeting=alv,
        member=member_a,
        user=secretary_a,
        body="college van B&W",
        date=datetime.date(2020, 6, 16),
        note_number="2020-001138",
        positions={minutes.pk: "for", accounts.pk: "against"},
        holder={
            "name": "Karin Cornelissen",
            "function": "gemeentesecretaris",
            "organisation": "gemeente Raalte",
            "email": "k.cornelissen@raalte.example",
        },
    )
    content = note_content(alv, member_a)
    assert content.note_number == "2020-001138" and content.decision_date == "16-06-2020"
    with translation.override(settings.LANGUAGE_CODE):
        assert content.decided == [decided_line(minutes, "for"), decided_line(accounts, "against")]
    assert decided_line(accounts, "against") != decided_line(accounts, "for")
    assert "Karin Cornelissen, gemeentesecretaris, gemeente Raalte" in content.authorisation


def test_the_note_as_pdf_holds_the_same_lines(alv, member_a, secretary_a):
    document = services.decision_note_request(meeting=alv, member=member_a, user=secretary_a)
    assert document_render(document_id=document.pk) == "ready"
    document.refresh_from_db()
    with document.file.open("rb") as handle:
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    text = " ".join(text.split())
    for line in note_content(alv, member_a).decided:
        assert " ".join(line.split())[:60] in text
    assert "1b" in text


def test_another_members_secretary_gets_no_note(alv, member_a, secretary_b, client_for):
    response = client_for(secretary_b).get(
        reverse("municipal:note-docx", args=[alv.pk, member_a.slug])
    )
    assert response.status_code == 403


def test_each_note_starts_from_a_clean_template(alv, member_a):
    """The template is parsed once per process: a note may not carry the previous one's text,
    and its styles are the ones python-docx sets by name."""
    from municipal.note import note_docx

    content = note_content(alv, member_a)
    first = docx.Document(io.BytesIO(note_docx(content)))
    other = dataclasses.replace(content, decided=["alleen in de tweede nota;"])
    second = docx.Document(io.BytesIO(note_docx(other)))
    assert [p.text for p in first.paragraphs] == [
        p.text for p in docx.Document(io.BytesIO(note_docx(content))).paragraphs
    ]
    assert "alleen in de tweede nota;" in _decided(second)
    assert "alleen in de tweede nota;" not in _decided(first)
    styles = {p.style.name for p in second.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "List Bullet", "List Bullet 2"} <= styles
    assert second.tables[0].style.name == "Table Grid"
    assert second.core_properties.title == content.subject
