"""Every meeting page answers for the people who may see it, and refuses the others; the
PDFs come from the document service; the history is the secretariat's."""

import pytest
from django.urls import reverse

from documents import services as document_services
from documents.constants import DocumentKind
from documents.models import RenderedDocument
from meetings import services
from meetings.constants import MeetingKind
from tests.documents.helpers import pdf_text
from tests.meetings.factories import AgendaItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db

PAGES = ["meeting-detail", "minutes", "actions", "decisions", "attendance"]


@pytest.fixture
def meeting(secretariat):
    meeting = MeetingFactory(in_session=True)
    AgendaItemFactory(meeting=meeting, position=1, title="Jaarverslag 2019")
    secret = AgendaItemFactory(
        meeting=meeting, position=2, title="Vertrouwelijk agendapunt", confidential=True
    )
    services.meeting_close(meeting=meeting, user=secretariat)
    services.minutes_entry_save(
        item=meeting.items.get(position=1), user=secretariat, text="Jaarverslag besproken."
    )
    services.minutes_entry_save(item=secret, user=secretariat, text="Het geheime voorstel.")
    services.decision_add(
        meeting=meeting, user=secretariat, text="De jaarrekening 2019 wordt vastgesteld."
    )
    return meeting


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "persona", ["secretariat", "secretary_a", "representative_a", "chair", "controller"]
)
def test_assembly_pages_for_members_and_staff(request, client_for, persona, page, meeting):
    response = client_for(request.getfixturevalue(persona)).get(
        reverse(f"meetings:{page}", args=[meeting.pk])
    )
    assert response.status_code == 200


@pytest.mark.parametrize("page", PAGES)
def test_board_meeting_pages_refuse_member_secretaries(client_for, secretary_a, page):
    board = MeetingFactory(kind=MeetingKind.SUPERVISORY_BOARD, convened=True)
    response = client_for(secretary_a).get(reverse(f"meetings:{page}", args=[board.pk]))
    assert response.status_code == 403


def test_anonymous_visitors_log_in_first(client, meeting):
    response = client.get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert response.status_code == 302


def test_history_is_for_the_secretariat(client_for, secretariat, secretary_a, meeting):
    assert (
        client_for(secretary_a).get(reverse("meetings:history", args=[meeting.pk])).status_code
        == 403
    )
    page = client_for(secretariat).get(reverse("meetings:history", args=[meeting.pk]))
    assert "De jaarrekening 2019 wordt vastgesteld." in page.text
    assert "Jaarverslag besproken." in page.text or "Jaarverslag 2019" in page.text


def test_secretariat_edits_the_agenda_through_the_pages(client_for, secretariat):
    client = client_for(secretariat)
    response = client.post(
        reverse("meetings:meeting-create"),
        {
            "kind": "alv",
            "title": "ALV najaar",
            "date": "2027-11-25",
            "start_time": "19:00",
            "end_time": "21:00",
            "format": "hybrid",
            "location": "Utrecht",
        },
    )
    assert response.status_code == 302
    meeting = MeetingFactory._meta.model.objects.get(title="ALV najaar")
    client.post(
        reverse("meetings:item-add", args=[meeting.pk]),
        {
            "title": "Begroting 2028",
            "purpose": "decision",
            "proposal": "De ALV stelt de begroting vast.",
        },
    )
    item = meeting.items.get(title="Begroting 2028")
    assert item.position == 4
    response = client.get(reverse("meetings:meeting-detail", args=[meeting.pk]))
    assert "Begroting 2028" in response.text and "De ALV stelt de begroting vast." in response.text
    client.post(reverse("meetings:item-move", args=[meeting.pk, item.pk]), {"up": "1"})
    item.refresh_from_db()
    assert item.position == 3


def test_members_cannot_edit_the_agenda(client_for, secretary_a, meeting):
    assert (
        client_for(secretary_a).get(reverse("meetings:item-add", args=[meeting.pk])).status_code
        == 403
    )


def _render(document):
    document_services.document_render(document_id=document.pk)
    document.refresh_from_db()
    return pdf_text(document.file.read())


def test_meeting_pdfs_come_from_the_document_service(client_for, secretariat, meeting):
    client = client_for(secretariat)
    for kind in (
        DocumentKind.AGENDA,
        DocumentKind.DECISION_LIST,
        DocumentKind.ACTION_LIST,
        DocumentKind.ATTENDANCE_LIST,
        DocumentKind.MINUTES,
    ):
        response = client.post(reverse("meetings:meeting-document", args=[meeting.pk, kind]))
        assert response.status_code == 302
        assert response["Location"].startswith("/documenten/")
    documents = {d.kind: d for d in RenderedDocument.objects.all()}
    assert "De jaarrekening 2019 wordt vastgesteld." in _render(
        documents[DocumentKind.DECISION_LIST]
    )
    minutes = _render(documents[DocumentKind.MINUTES])
    assert "Jaarverslag besproken." in minutes
    assert "Het geheime voorstel." not in minutes
    assert "apart vastgelegd" in minutes


def test_confidential_minutes_annex_only_for_the_entitled(
    client_for, secretariat, controller, meeting
):
    url = reverse("meetings:meeting-document", args=[meeting.pk, DocumentKind.MINUTES_CONFIDENTIAL])
    assert client_for(controller).post(url).status_code == 403
    response = client_for(secretariat).post(url)
    document = RenderedDocument.objects.get(kind=DocumentKind.MINUTES_CONFIDENTIAL)
    assert "Het geheime voorstel." in _render(document)
    # The document page itself follows the same rule.
    assert client_for(controller).get(response["Location"]).status_code == 403


def test_the_link_to_decisions_outside_a_meeting_only_for_who_may_open_it(
    client_for, controller, board_member, secretary_a, secretariat
):
    """The before-stop crawl found the button on everyone's meeting list, answering 403 to the
    supervisory board and the controller."""
    url = reverse("voting:resolution-list")
    for persona, shown in (
        (controller, False),
        (board_member, False),
        (secretary_a, True),
        (secretariat, True),
    ):
        client = client_for(persona)
        page = client.get(reverse("meetings:meeting-list")).content.decode()
        assert (url in page) == shown
        assert client.get(url).status_code == (200 if shown else 403)
