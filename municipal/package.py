"""The publication package of a member for an assembly: the public documents and a metadata
file (JSON and CSV) for the municipality's own Woo publication. Confidential annexes are never
inside: only annexes that are neither confidential nor of a confidential item are added."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from documents import selectors as document_selectors
from documents.constants import DocumentKind
from meetings import selectors as meeting_selectors
from municipal import selectors
from municipal.constants import PublicationKind
from statutes.selectors import association_current

if TYPE_CHECKING:
    from meetings.models import Meeting
    from members.models import Member

METADATA_FIELDS = ("file", "title", "date", "document_type", "organisation", "confidentiality")


@dataclass(frozen=True)
class Entry:
    file: str
    title: str
    date: str
    document_type: str
    organisation: str
    confidentiality: str
    sha256: str


def _read(field_file) -> bytes:
    with field_file.open("rb") as handle:
        return handle.read()


def _files(meeting: Meeting, member: Member) -> list[tuple[str, str, str, str, object]]:
    """(name, title, type, organisation, file) of everything public, in agenda order."""
    association = association_current().short_name
    files = []
    agenda = document_selectors.document_latest(
        kind=DocumentKind.AGENDA, source=meeting, ready=True
    )
    if agenda is not None:
        files.append(
            ("01-agenda.pdf", agenda.title, PublicationKind.AGENDA, association, agenda.file)
        )
    for annex in meeting_selectors.annexes_of(meeting):
        if annex.file and not meeting_selectors.annex_is_confidential(annex):
            title = _("Annex %(code)s: %(title)s") % {"code": annex.code, "title": annex.title}
            name = f"02-bijlage-{slugify(annex.code)}.pdf"
            files.append((name, title, PublicationKind.ANNEX, association, annex.file))
    dossier = selectors.dossier_of(meeting, member)
    if dossier is not None and dossier.note_file:
        title = _("Decision note %(member)s") % {"member": member.name}
        files.append(
            ("03-nota.pdf", title, PublicationKind.DECISION_NOTE, member.name, dossier.note_file)
        )
    if dossier is not None and dossier.decision_file:
        title = _("Decision of the executive of %(member)s") % {"member": member.name}
        files.append(
            ("04-besluit.pdf", title, PublicationKind.DECISION, member.name, dossier.decision_file)
        )
    decisions = document_selectors.document_latest(
        kind=DocumentKind.DECISION_LIST, source=meeting, ready=True
    )
    if decisions is not None and meeting.published_at is not None:
        files.append(
            (
                "05-besluitenlijst.pdf",
                decisions.title,
                PublicationKind.DECISION_LIST,
                association,
                decisions.file,
            )
        )
    return files


def publication_package(meeting: Meeting, member: Member) -> bytes:
    """The zip: the public documents and `metadata.json` / `metadata.csv` describing them."""
    entries = []
    out = io.BytesIO()
    with (
        translation.override(settings.LANGUAGE_CODE),
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        for name, title, kind, organisation, field_file in _files(meeting, member):
            content = _read(field_file)
            archive.writestr(name, content)
            entries.append(
                Entry(
                    file=name,
                    title=str(title),
                    date=meeting.date.isoformat(),
                    document_type=str(PublicationKind(kind).label),
                    organisation=organisation,
                    confidentiality=_("public"),
                    sha256=hashlib.sha256(content).hexdigest(),
                )
            )
        rows = [asdict(entry) for entry in entries]
        archive.writestr("metadata.json", json.dumps(rows, ensure_ascii=False, indent=2))
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=[*METADATA_FIELDS, "sha256"])
        writer.writeheader()
        writer.writerows(rows)
        archive.writestr("metadata.csv", text.getvalue())
    return out.getvalue()
