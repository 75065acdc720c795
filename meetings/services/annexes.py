"""Correcting an annex: its file replaced (a new version; the old one kept), its title, number,
confidentiality or item changed, or the annex withdrawn with a reason. Each correction is an
`AnnexChange` row; invitees are told of a replacement or a withdrawal once, after commit.
Once the meeting's minutes are adopted its annexes are frozen, like the minutes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dimpact_portal.queueing import enqueue_on_commit
from documents.uploads import validate_pdf_upload
from meetings import tasks
from meetings.constants import AnnexChangeKind, MeetingStatus
from meetings.models import AgendaItem, Annex, AnnexChange, Meeting, Minutes
from meetings.services._common import lock, only_secretariat_prepares

if TYPE_CHECKING:
    from accounts.models import User

# Meetings whose invitees hear of corrections: the agenda was sent and the meeting is not over.
TOLD_WHILE = (MeetingStatus.CONVENED, MeetingStatus.IN_SESSION)


def _check_annex_not_frozen(meeting: Meeting) -> None:
    if Minutes.objects.filter(meeting=meeting, adopted_on__isnull=False).exists():
        raise ValidationError(
            _("The minutes of this meeting are adopted: its annexes no longer change."),
            code="annex-frozen-after-minutes",
        )


def _check_not_withdrawn(annex: Annex) -> None:
    if annex.withdrawn_at is not None:
        raise ValidationError(
            _("This annex was withdrawn; add a new annex instead."), code="annex-withdrawn"
        )


def _check_has_arrived(annex: Annex) -> None:
    if not annex.file:
        raise ValidationError(
            _("This annex has not arrived yet: upload its file instead of replacing it."),
            code="annex-not-arrived",
        )


def _check_withdrawal_has_reason(reason: str) -> None:
    if not reason.strip():
        raise ValidationError(
            _("Say why the annex is withdrawn; the invitees are told."),
            code="annex-withdrawal-reason",
        )


def _check_item_of_meeting(item: AgendaItem, meeting: Meeting) -> None:
    if item.meeting_id != meeting.pk:
        raise ValidationError(
            _("An annex moves only to an item of its own meeting."),
            code="annex-item-other-meeting",
        )


def _check_code_free(meeting: Meeting, code: str, annex: Annex) -> None:
    taken = Annex.objects.filter(agenda_item__meeting=meeting, code__iexact=code).exclude(
        pk=annex.pk
    )
    if taken.exists():
        raise ValidationError(
            _("This meeting already has an annex %(code)s.") % {"code": code},
            code="annex-code-taken",
        )


def _locked(annex: Annex, user: User) -> tuple[Annex, Meeting]:
    """The secretariat's guard, the meeting and the annex locked, and the common rules."""
    only_secretariat_prepares(user)
    meeting = lock(annex.agenda_item.meeting)
    annex = Annex.objects.select_for_update().select_related("agenda_item").get(pk=annex.pk)
    _check_annex_not_frozen(meeting)
    _check_not_withdrawn(annex)
    return annex, meeting


def _tell_invitees(change: AnnexChange, meeting: Meeting, annex: Annex) -> None:
    # Only what the invitees were sent or told of: the agenda went out and the file had come.
    if meeting.status in TOLD_WHILE and meeting.convened_at is not None:
        enqueue_on_commit(tasks.notify_annex_changed, change.pk)


def annex_replace(*, annex: Annex, user: User, upload, reason: str = "") -> Annex:
    """A new version of the annex's file; the old file stays, as a correction, for those
    entitled to read it."""
    validate_pdf_upload(upload)
    with transaction.atomic():
        annex, meeting = _locked(annex, user)
        _check_has_arrived(annex)
        change = AnnexChange(
            annex=annex,
            kind=AnnexChangeKind.REPLACED,
            reason=reason.strip(),
            old_version=annex.version,
            old_original_name=annex.original_name,
            old_size=annex.size,
            made_by=user,
        )
        # The old file is kept where it is; the correction points at it.
        change.old_file.name = annex.file.name
        change.summary = _("version %(old)s replaced by version %(new)s") % {
            "old": annex.version,
            "new": annex.version + 1,
        }
        change.save()
        annex.original_name = upload.name[:255]
        annex.size = upload.size
        annex.file.save(upload.name, upload, save=False)
        annex.version += 1
        annex.uploaded_by = user
        annex.full_clean()
        annex.save()
        _tell_invitees(change, meeting, annex)
    return annex


def _describe(annex: Annex, changes: dict) -> str:
    labels = {
        "title": _("title"),
        "code": _("number"),
        "confidential": _("confidential"),
        "agenda_item": _("agenda item"),
    }
    parts = []
    for name, (before, after) in changes.items():
        if name == "agenda_item":
            before, after = before.position, after.position
        elif name == "confidential":
            before, after = (_("yes") if before else _("no")), (_("yes") if after else _("no"))
        parts.append(f"{labels[name]}: {before} → {after}")
    return "; ".join(parts)


def annex_edit(
    *,
    annex: Annex,
    user: User,
    title: str | None = None,
    code: str | None = None,
    confidential: bool | None = None,
    agenda_item: AgendaItem | None = None,
) -> Annex:
    """Change the title, number, confidentiality or item of an annex. An annex made
    confidential leaves the public pages at once (they read it on every request)."""
    with transaction.atomic():
        annex, meeting = _locked(annex, user)
        wanted = {
            "title": title.strip() if title is not None else None,
            "code": code.strip() if code is not None else None,
            "confidential": confidential,
            "agenda_item": agenda_item,
        }
        changes = {}
        for name, value in wanted.items():
            if value is not None and value != getattr(annex, name):
                changes[name] = (getattr(annex, name), value)
        if not changes:
            return annex
        if "agenda_item" in changes:
            _check_item_of_meeting(agenda_item, meeting)
        if "code" in changes:
            _check_code_free(meeting, wanted["code"], annex)
        summary = _describe(annex, changes)
        for name, (_before, after) in changes.items():
            setattr(annex, name, after)
        annex.full_clean(exclude=["file"])
        annex.save()
        AnnexChange.objects.create(
            annex=annex, kind=AnnexChangeKind.EDITED, summary=summary, made_by=user
        )
    return annex


def annex_withdraw(*, annex: Annex, user: User, reason: str) -> Annex:
    """Withdraw the annex: it leaves every page but the secretariat's, its file is kept, and
    the invitees are told why."""
    _check_withdrawal_has_reason(reason)
    with transaction.atomic():
        annex, meeting = _locked(annex, user)
        annex.withdrawn_at = timezone.now()
        annex.withdrawn_reason = reason.strip()
        annex.full_clean(exclude=["file"])
        annex.save()
        change = AnnexChange.objects.create(
            annex=annex, kind=AnnexChangeKind.WITHDRAWN, reason=annex.withdrawn_reason, made_by=user
        )
        _tell_invitees(change, meeting, annex)
    return annex
