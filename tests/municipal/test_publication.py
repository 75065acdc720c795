"""The publication package: the public documents and a metadata file for the municipality's
Woo publication; confidential annexes are never inside."""

import io
import json
import zipfile

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.constants import DocumentKind
from documents.selectors import document_latest
from documents.services import document_render
from meetings.selectors import annexes_of
from municipal.constants import DossierFile, PublicationKind
from tests.meetings.factories import PDF


def _package(client, meeting, member) -> zipfile.ZipFile:
    response = client.get(reverse("municipal:publication", args=[meeting.pk, member.slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_package_holds_the_public_annexes_and_never_a_confidential_one(
    alv, member_a, secretary_a, client_for
):
    confidential = annexes_of(alv).get(code="1b")
    secret = PDF + b"% the confidential minutes\n"
    confidential.file.save("1b.pdf", ContentFile(secret), save=True)
    archive = _package(client_for(secretary_a), alv, member_a)
    metadata = json.loads(archive.read("metadata.json"))
    files = {row["file"] for row in metadata}
    assert set(archive.namelist()) == files | {"metadata.json", "metadata.csv"}
    assert files == {"02-bijlage-1a.pdf", "02-bijlage-2.pdf"}
    assert all(archive.read(name) != secret for name in archive.namelist())
    annex_1a = annexes_of(alv).get(code="1a")
    assert not any("1b" in name for name in archive.namelist())
    assert all("1b" not in row["title"] for row in metadata)
    for row in metadata:
        assert set(row) >= {"title", "date", "document_type", "organisation", "confidentiality"}
        assert row["date"] == alv.date.isoformat()
    assert annex_1a.title in {row["title"].split(": ", 1)[1] for row in metadata}
    csv_lines = archive.read("metadata.csv").decode().splitlines()
    assert csv_lines[0].startswith("file,title,date,document_type,organisation,confidentiality")
    assert len(csv_lines) == 1 + len(metadata)


def test_the_signed_note_and_decision_join_the_package(alv, member_a, secretary_a, client_for):
    client = client_for(secretary_a)
    url = reverse("municipal:upload", args=[alv.pk, member_a.slug])
    for kind in (DossierFile.NOTE, DossierFile.DECISION):
        response = client.post(url, {"kind": kind, "file": SimpleUploadedFile("n.pdf", PDF)})
        assert response.status_code == 302
    metadata = json.loads(_package(client, alv, member_a).read("metadata.json"))
    by_file = {row["file"]: row for row in metadata}
    assert by_file["03-nota.pdf"]["organisation"] == member_a.name
    assert "04-besluit.pdf" in by_file


def test_an_upload_that_is_no_pdf_is_refused(alv, member_a, secretary_a, client_for):
    client = client_for(secretary_a)
    client.post(
        reverse("municipal:upload", args=[alv.pk, member_a.slug]),
        {"kind": DossierFile.NOTE, "file": SimpleUploadedFile("n.pdf", b"not a pdf")},
    )
    names = _package(client, alv, member_a).namelist()
    assert "03-nota.pdf" not in names


def test_another_members_secretary_gets_no_package(alv, member_a, secretary_b, client_for):
    response = client_for(secretary_b).get(
        reverse("municipal:publication", args=[alv.pk, member_a.slug])
    )
    assert response.status_code == 403


def test_the_agenda_pdf_is_in_the_package_once_rendered(alv, member_a, secretary_a, client_for):
    client = client_for(secretary_a)
    client.post(reverse("meetings:meeting-document", args=[alv.pk, "agenda"]))
    agenda = document_latest(kind=DocumentKind.AGENDA, source=alv)
    assert document_render(document_id=agenda.pk) == "ready"
    archive = _package(client, alv, member_a)
    metadata = {row["file"]: row for row in json.loads(archive.read("metadata.json"))}
    assert archive.read("01-agenda.pdf").startswith(b"%PDF")
    assert metadata["01-agenda.pdf"]["document_type"] == str(PublicationKind.AGENDA.label)
