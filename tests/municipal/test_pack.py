"""The meeting pack: one PDF per entitlement with the agenda and the annexes the reader may
see, bookmarks per item and annex, page numbers, and a cover naming what is left out."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from pypdf import PdfReader

from documents.constants import DocumentStatus
from documents.services import document_render
from meetings.services import annex_replace
from municipal import services
from tests.meetings.factories import PDF


def _rendered(document):
    assert document_render(document_id=document.pk) == "ready"
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY
    with document.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def _outline(reader) -> list:
    """The bookmarks as (title, page number) with the children of an item indented."""

    def flat(items, depth=0):
        rows = []
        for entry in items:
            if isinstance(entry, list):
                rows.extend(flat(entry, depth + 1))
            else:
                rows.append(("  " * depth + entry.title, reader.get_destination_page_number(entry)))
        return rows

    return flat(reader.outline)


def test_a_secretarys_pack_lacks_annex_1b_and_its_cover_says_so(
    alv, secretary_a, secretaries_without_confidential
):
    reader = _rendered(services.pack_request(meeting=alv, user=secretary_a))
    titles = [title.strip() for title, _page in _outline(reader)]
    assert not any("1b" in title for title in titles)
    assert any("1a" in title for title in titles) and any(" 2:" in title for title in titles)
    cover = reader.pages[0].extract_text()
    assert "1b" in cover and "Notulen ALV 10 maart 2020 Vertrouwelijk agendapunt" in cover
    # The announced annex 6 is listed, not merged.
    assert "6" in cover and "Strategiedocument 2020-2025" in cover


def test_the_supervisory_boards_pack_includes_annex_1b(
    alv, board_member, secretaries_without_confidential
):
    reader = _rendered(services.pack_request(meeting=alv, user=board_member))
    titles = [title.strip() for title, _page in _outline(reader)]
    assert any("1b" in title for title in titles)
    cover = reader.pages[0].extract_text()
    assert "Vertrouwelijk agendapunt" not in cover  # nothing listed as left out
    assert "(1b)" in cover  # and it says which confidential annexes it includes


def test_the_pack_is_rendered_by_the_worker_after_commit(
    alv, secretary_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        document = services.pack_request(meeting=alv, user=secretary_a)
    assert document.status == DocumentStatus.QUEUED and not document.file
    assert len(callbacks) == 1  # the render task, queued when the request commits


def test_bookmarks_follow_the_agenda_and_point_at_each_annex(alv, board_member):
    reader = _rendered(services.pack_request(meeting=alv, user=board_member))
    outline = _outline(reader)
    cover_pages = len(reader.pages) - 3  # three one-page annexes follow the agenda
    with translation.override(settings.LANGUAGE_CODE):
        cover, annex = _("Cover and agenda"), _("Annex %(code)s: %(title)s")
    assert [title for title, _page in outline] == [
        cover,
        "3. Notulen vorige vergadering",
        "  " + annex % {"code": "1a", "title": "Notulen ALV 10 maart 2020"},
        "  "
        + annex % {"code": "1b", "title": "Notulen ALV 10 maart 2020 Vertrouwelijk agendapunt"},
        "4. Jaarverslag Dimpact 2019",
        "  " + annex % {"code": "2", "title": "Jaarrekening 2019"},
    ]
    pages = [page for _title, page in outline]
    assert pages == [0, cover_pages, cover_pages, cover_pages + 1, cover_pages + 2, cover_pages + 2]


def test_every_page_is_numbered(alv, board_member):
    reader = _rendered(services.pack_request(meeting=alv, user=board_member))
    total = len(reader.pages)
    for number, page in enumerate(reader.pages[:-3], start=1):  # the cover and agenda pages
        assert f"{number} / {total}" in page.extract_text()
    document = services.pack_request(meeting=alv, user=board_member)
    assert document.page_count == total


def test_the_merged_pack_keeps_the_covers_tags(alv, board_member):
    """The annexes are appended to the tagged cover and agenda (issue 17): the structure tree,
    the language and the title stay for a screen reader."""
    import pikepdf

    document = services.pack_request(meeting=alv, user=board_member)
    _rendered(document)
    with document.file.open("rb") as handle, pikepdf.open(io.BytesIO(handle.read())) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root and bool(root.MarkInfo.Marked)
        assert str(root.Lang) == "nl"
        assert bool(root.ViewerPreferences.DisplayDocTitle)
        assert str(pdf.open_metadata().get("dc:title", "")).strip()
        assert len(pdf.pages) == document.page_count


def test_readers_with_the_same_annexes_share_one_pack_and_a_new_annex_version_makes_another(
    alv,
    secretary_a,
    secretary_b,
    representative_a,
    board_member,
    secretariat,
    secretaries_with_confidential,
):
    first = services.pack_request(meeting=alv, user=secretary_a)
    assert services.pack_request(meeting=alv, user=secretary_b) == first
    assert services.pack_request(meeting=alv, user=board_member) == first  # all see 1b here
    annex = alv.items.get(position=4).annexes.get()
    annex_replace(
        annex=annex, user=secretariat, upload=SimpleUploadedFile("v2.pdf", PDF), reason="Typo"
    )
    second = services.pack_request(meeting=alv, user=secretary_a)
    assert second != first and second.source_id == first.source_id
    assert second.version == first.version + 1


def test_a_reader_with_another_entitlement_cannot_open_the_pack(
    alv, client_for, secretary_a, board_member, secretaries_without_confidential
):
    full = services.pack_request(meeting=alv, user=board_member)
    url = reverse("documents:detail", args=[full.public_id])
    assert client_for(secretary_a).get(url).status_code == 403
    assert client_for(board_member).get(url).status_code == 200


def test_the_pack_button_shows_the_progress_page(alv, client_for, secretary_a):
    response = client_for(secretary_a).post(reverse("municipal:pack", args=[alv.pk]))
    assert response.status_code == 302
    page = client_for(secretary_a).get(response.url)
    assert b'id="document-status"' in page.content


def test_someone_who_does_not_see_the_meeting_gets_no_pack(alv, client_for, member_a):
    from tests.accounts.factories import UserFactory

    outsider = UserFactory(username="outsider")
    response = client_for(outsider).post(reverse("municipal:pack", args=[alv.pk]))
    assert response.status_code == 403


@pytest.fixture(autouse=True)
def _members(member_a, member_b):
    """Secretaries and representatives need their members on the register."""
