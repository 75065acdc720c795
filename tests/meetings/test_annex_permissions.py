"""Who may read which annex: the permission matrix, a direct file URL, and the upload check."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings import services
from meetings.constants import MeetingKind
from tests.meetings.factories import PDF, AgendaItemFactory, AnnexFactory, MeetingFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def alv():
    return MeetingFactory(convened=True)


@pytest.fixture
def public_annex(alv):
    return AnnexFactory(agenda_item=AgendaItemFactory(meeting=alv), code="2")


@pytest.fixture
def confidential_annex(alv):
    return AnnexFactory(agenda_item=AgendaItemFactory(meeting=alv), code="1b", confidential=True)


@pytest.fixture
def board_annex():
    meeting = MeetingFactory(kind=MeetingKind.SUPERVISORY_BOARD, convened=True)
    return AnnexFactory(agenda_item=AgendaItemFactory(meeting=meeting), code="1")


def _get(client, annex):
    return client.get(
        reverse("meetings:annex-download", args=[annex.agenda_item.meeting_id, annex.pk])
    )


@pytest.mark.parametrize("persona", ["secretariat", "chair", "board_member", "representative_a"])
def test_entitled_people_read_a_confidential_assembly_annex(
    request, client_for, persona, confidential_annex
):
    response = _get(client_for(request.getfixturevalue(persona)), confidential_annex)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("persona", ["controller", "secretary_a"])
def test_who_sees_the_assembly_but_not_its_confidential_annex(
    request, client_for, persona, public_annex, confidential_annex
):
    """A member's secretary reads confidential annexes only where the statutes say so
    (`Association.confidential_annexes_for_secretaries`, off by default)."""
    client = client_for(request.getfixturevalue(persona))
    assert _get(client, public_annex).status_code == 200
    assert _get(client, confidential_annex).status_code == 403


def test_the_statutes_may_let_secretaries_read_confidential_annexes(
    client_for, secretary_a, confidential_annex
):
    from statutes.selectors import association_current

    association = association_current()
    association.confidential_annexes_for_secretaries = True
    association.save()
    response = _get(client_for(secretary_a), confidential_annex)
    assert response.status_code == 200


def test_anonymous_visitors_are_sent_to_log_in_for_unpublished_annexes(
    client, public_annex, confidential_annex
):
    for annex in (public_annex, confidential_annex):
        response = _get(client, annex)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_the_public_reads_public_annexes_of_published_meetings_only(client):
    meeting = MeetingFactory(published=True)
    item = AgendaItemFactory(meeting=meeting)
    public = AnnexFactory(agenda_item=item, code="2")
    confidential = AnnexFactory(agenda_item=item, code="1b", confidential=True)
    in_confidential_item = AnnexFactory(
        agenda_item=AgendaItemFactory(meeting=meeting, confidential=True), code="3"
    )
    assert _get(client, public).status_code == 200
    assert _get(client, confidential).status_code == 302
    assert _get(client, in_confidential_item).status_code == 302


@pytest.mark.parametrize("persona", ["secretary_a", "representative_a", "controller"])
def test_supervisory_board_annexes_are_for_the_board(request, client_for, persona, board_annex):
    assert _get(client_for(request.getfixturevalue(persona)), board_annex).status_code == 403


@pytest.mark.parametrize("persona", ["board_member", "secretariat"])
def test_the_board_reads_its_own_annexes(request, client_for, persona, board_annex):
    assert _get(client_for(request.getfixturevalue(persona)), board_annex).status_code == 200


def test_an_annex_of_another_meeting_is_not_found_by_url(client_for, secretariat, public_annex):
    other = MeetingFactory(convened=True)
    url = reverse("meetings:annex-download", args=[other.pk, public_annex.pk])
    assert client_for(secretariat).get(url).status_code == 404


def test_there_is_no_direct_url_of_the_file(client, client_for, secretariat, confidential_annex):
    path = confidential_annex.file.name
    assert path.startswith("annexes/") and confidential_annex.title not in path
    for attempt in (f"/media/{path}", f"/{path}", f"/static/../media/{path}"):
        assert client.get(attempt).status_code == 404
        assert client_for(secretariat).get(attempt).status_code == 404


def test_a_draft_agenda_is_hidden_from_members(client_for, secretary_a, secretariat):
    draft = MeetingFactory()
    annex = AnnexFactory(agenda_item=AgendaItemFactory(meeting=draft))
    assert client_for(secretary_a).get(draft.get_absolute_url()).status_code == 403
    assert _get(client_for(secretary_a), annex).status_code == 403
    assert client_for(secretariat).get(draft.get_absolute_url()).status_code == 200


def test_a_renamed_png_is_refused_and_nothing_is_stored(secretariat, alv):
    item = AgendaItemFactory(meeting=alv)
    upload = SimpleUploadedFile("jaarrekening.pdf", PNG, content_type="application/pdf")
    with pytest.raises(Exception) as caught:
        services.annex_add(
            item=item, user=secretariat, code="2", title="Jaarrekening", upload=upload
        )
    assert caught.type.__name__ == "ValidationError"
    assert caught.value.code == "upload-not-pdf"
    assert item.annexes.count() == 0


def test_an_oversized_upload_is_refused(secretariat, alv, settings):
    settings.UPLOAD_MAX_BYTES = 100
    item = AgendaItemFactory(meeting=alv)
    upload = SimpleUploadedFile("groot.pdf", PDF + b"0" * 200, content_type="application/pdf")
    with pytest.raises(ValidationError) as caught:
        services.annex_add(item=item, user=secretariat, code="2", title="Groot", upload=upload)
    assert caught.value.code == "upload-too-large"


def test_the_upload_page_shows_the_refusal(client_for, secretariat, alv):
    item = AgendaItemFactory(meeting=alv)
    response = client_for(secretariat).post(
        reverse("meetings:annex-add", args=[alv.pk, item.pk]),
        {"code": "2", "title": "Jaarrekening", "upload": SimpleUploadedFile("j.pdf", PNG)},
    )
    assert response.status_code == 200
    assert "geen PDF" in response.text
    assert item.annexes.count() == 0


def test_annex_numbers_are_unique_per_meeting(secretariat, alv):
    first = AgendaItemFactory(meeting=alv)
    second = AgendaItemFactory(meeting=alv)
    AnnexFactory(agenda_item=first, code="5a")
    with pytest.raises(ValidationError) as caught:
        services.annex_add(
            item=second,
            user=secretariat,
            code="5A",
            title="Dubbel",
            upload=SimpleUploadedFile("x.pdf", PDF),
        )
    assert caught.value.code == "annex-code-taken"
