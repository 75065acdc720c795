"""Writes of the municipal app: the executive's decision (entered once), the signed note and
decision the secretary uploads, and the requests for the meeting pack and the note's PDF
(rendered by the documents service's worker).

Other apps import only this module, `selectors` and `constants` of this app.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from documents import services as document_services
from documents.constants import DocumentKind
from documents.uploads import validate_pdf_upload
from meetings import selectors as meeting_selectors
from municipal import note, pack, selectors
from municipal.constants import DossierFile, Position
from municipal.models import Dossier, ExecutiveDecision, ExecutivePosition, MeetingPack

if TYPE_CHECKING:
    from accounts.models import User
    from documents.models import RenderedDocument
    from meetings.models import Meeting
    from members.models import Member


def dossier_get(*, meeting: Meeting, member: Member) -> Dossier:
    """The member's dossier for the assembly, made when first needed."""
    dossier, _created = Dossier.objects.get_or_create(meeting=meeting, member=member)
    return dossier


def _check_positions(meeting: Meeting, positions: dict[int, str]) -> dict[int, object]:
    items = {item.pk: item for item in meeting_selectors.agenda_items(meeting, for_decision=True)}
    if set(positions) - set(items):
        raise ValidationError(
            _("Positions can only be given for this meeting's decision items."),
            code="municipal-position-not-a-decision-item",
        )
    for position in positions.values():
        if position not in Position.values:
            raise ValidationError(
                _("Unknown position: %(position)s.") % {"position": position},
                code="municipal-position-unknown",
            )
    return items


def _check_holder(holder: dict[str, str]) -> None:
    if holder.get("name") and not holder.get("email"):
        raise ValidationError(
            _("Give the holder's e-mail address: the proxy invites the holder there."),
            code="municipal-holder-no-email",
        )


def executive_decision_record(
    *,
    meeting: Meeting,
    member: Member,
    user: User,
    body: str,
    date: datetime.date,
    note_number: str,
    positions: dict[int, str],
    holder: dict[str, str] | None = None,
) -> ExecutiveDecision:
    """Record (or correct) the executive's decision on the assembly: body, date, note number,
    a position per decision item and the authorised holder (none: the representative votes).
    Its history keeps every earlier state."""
    selectors.only_own_secretary(user, member)
    holder = holder or {}
    _check_holder(holder)
    items = _check_positions(meeting, positions)
    with transaction.atomic():
        dossier = dossier_get(meeting=meeting, member=member)
        decision = ExecutiveDecision.objects.select_for_update().filter(dossier=dossier).first()
        decision = decision or ExecutiveDecision(dossier=dossier)
        decision.body = body.strip()
        decision.date = date
        decision.note_number = note_number.strip()
        decision.holder_name = holder.get("name", "").strip()
        decision.holder_function = holder.get("function", "").strip()
        decision.holder_organisation = holder.get("organisation", "").strip()
        decision.holder_email = holder.get("email", "").strip().lower()
        decision.recorded_by = user
        # Outside a request (commands, the worker) the history still names who recorded it.
        decision._history_user = user
        decision.full_clean()
        decision.save()
        _positions_store(decision, items, positions, user)
    return decision


def _positions_store(decision, items: dict, positions: dict[int, str], user: User) -> None:
    for pk, item in items.items():
        position = positions.get(pk, Position.FREE)
        row = ExecutivePosition.objects.filter(decision=decision, agenda_item=item).first()
        row = row or ExecutivePosition(decision=decision, agenda_item=item)
        if row.pk is None or row.position != position:
            row.position = position
            row._history_user = user
            row.save()


def dossier_upload(*, meeting: Meeting, member: Member, user: User, kind: str, upload) -> Dossier:
    """Store the signed note or decision (a PDF) for the municipality's publication package."""
    selectors.only_own_secretary(user, member)
    validate_pdf_upload(upload)
    field = {DossierFile.NOTE: "note_file", DossierFile.DECISION: "decision_file"}[
        DossierFile(kind)
    ]
    with transaction.atomic():
        dossier = dossier_get(meeting=meeting, member=member)
        getattr(dossier, field).save(upload.name, upload, save=False)
        dossier._history_user = user
        dossier.full_clean()
        dossier.save()
    return dossier


def _pack_for(meeting: Meeting, content: selectors.PackContent) -> MeetingPack:
    existing = selectors.pack_of(meeting, content.entitlement)
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return MeetingPack.objects.create(
                meeting=meeting,
                entitlement=content.entitlement,
                with_confidential=content.with_confidential,
            )
    except IntegrityError:  # two readers with the same entitlement at once: one row
        return selectors.pack_of(meeting, content.entitlement)


def pack_request(*, meeting: Meeting, user: User) -> RenderedDocument:
    """The meeting pack of `user`: the document of everyone entitled to the same annexes, a new
    version when an annex changed; rendered by the worker."""
    meeting_selectors.only_those_who_see_it(user, meeting)
    content = selectors.pack_content(user, meeting)
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        source = _pack_for(meeting, content)
        title = _("Meeting pack %(meeting)s") % {"meeting": meeting}
        context = pack.pack_context(meeting, content)
        context["footer"] = f"{context['association']['name']} · {title}"
        return document_services.document_request(
            kind=DocumentKind.MEETING_PACK,
            source=source,
            context=context,
            title=title,
            requested_by=user,
        )


def decision_note_request(*, meeting: Meeting, member: Member, user: User) -> RenderedDocument:
    """The draft decision note as PDF (the .docx is made at once: `municipal.note`)."""
    selectors.only_own_secretary(user, member)
    content = note.note_content(meeting, member)
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        return document_services.document_request(
            kind=DocumentKind.DECISION_NOTE,
            source=dossier_get(meeting=meeting, member=member),
            context=note.note_context(content),
            title=_("Decision note %(member)s, %(meeting)s")
            % {"member": member, "meeting": meeting},
            requested_by=user,
        )
