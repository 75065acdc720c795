"""The agenda and its annexes: items added, changed, moved and removed until the meeting starts;
annexes uploaded or announced to follow (nagezonden) until it closes."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dimpact_portal.queueing import enqueue_on_commit
from documents.uploads import validate_pdf_upload
from meetings import tasks
from meetings.constants import AGENDA_OPEN, MEETING_OVER, MeetingStatus, StandardItem
from meetings.models import AgendaItem, Annex, Meeting
from meetings.services._common import lock, only_secretariat_prepares
from meetings.services.annexes import _check_annex_not_frozen, _check_not_withdrawn

if TYPE_CHECKING:
    from accounts.models import User

ITEM_FIELDS = ("title", "purpose", "description", "proposal", "confidential")


def _check_agenda_open_until_start(meeting: Meeting) -> None:
    if meeting.status not in AGENDA_OPEN:
        raise ValidationError(
            _("The agenda cannot change once the meeting has started."),
            code="agenda-frozen-after-start",
        )


def _check_items_removed_only_in_draft(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.DRAFT:
        raise ValidationError(
            _("Items of an agenda that was sent cannot be removed; change the item instead."),
            code="agenda-item-sent",
        )


def agenda_item_add(*, meeting: Meeting, user: User, **fields: Any) -> AgendaItem:
    """A subject item, placed before "any other business" (or last when there is none)."""
    only_secretariat_prepares(user)
    with transaction.atomic():
        meeting = lock(meeting)
        _check_agenda_open_until_start(meeting)
        items = list(meeting.items.order_by("position"))
        anchor = next(
            (item for item in items if item.standard == StandardItem.ANY_OTHER_BUSINESS), None
        )
        position = anchor.position if anchor else len(items) + 1
        for item in reversed([i for i in items if i.position >= position]):
            item.position += 1
            item.save(update_fields=["position"])
        item = AgendaItem(
            meeting=meeting, position=position, **{k: fields[k] for k in ITEM_FIELDS if k in fields}
        )
        item.full_clean()
        item.save()
    return item


def agenda_item_update(*, item: AgendaItem, user: User, **fields: Any) -> AgendaItem:
    only_secretariat_prepares(user)
    with transaction.atomic():
        _check_agenda_open_until_start(lock(item.meeting))
        for key in ITEM_FIELDS:
            if key in fields:
                setattr(item, key, fields[key])
        item.full_clean()
        item.save()
    return item


def agenda_item_move(*, item: AgendaItem, user: User, up: bool) -> None:
    """Swap the item with its neighbour above (`up`) or below."""
    only_secretariat_prepares(user)
    with transaction.atomic():
        meeting = lock(item.meeting)
        _check_agenda_open_until_start(meeting)
        item = AgendaItem.objects.get(pk=item.pk)
        neighbours = meeting.items.filter(
            position__lt=item.position if up else 10_000,
            position__gt=0 if up else item.position,
        ).order_by("-position" if up else "position")
        other = neighbours.first()
        if other is None:
            return
        mine, theirs = item.position, other.position
        # Through 0, which no item uses, so that the unique position holds at every step.
        item.position = 0
        item.save(update_fields=["position"])
        other.position = mine
        other.save(update_fields=["position"])
        item.position = theirs
        item.save(update_fields=["position"])


def agenda_item_delete(*, item: AgendaItem, user: User) -> None:
    only_secretariat_prepares(user)
    with transaction.atomic():
        meeting = lock(item.meeting)
        _check_items_removed_only_in_draft(meeting)
        position = item.position
        item.delete()
        for later in meeting.items.filter(position__gt=position).order_by("position"):
            later.position -= 1
            later.save(update_fields=["position"])


def _check_file_or_due_date(upload, due_date: datetime.date | None) -> None:
    if upload is None and due_date is None:
        raise ValidationError(
            _("Upload the file, or give the date by which it will follow."),
            code="annex-file-or-due-date",
        )


def _check_annexes_until_closed(meeting: Meeting) -> None:
    if meeting.status in MEETING_OVER:
        raise ValidationError(
            _("A closed meeting takes no new annexes."), code="annex-meeting-closed"
        )


def _check_annex_code_unique(meeting: Meeting, code: str) -> None:
    if Annex.objects.filter(agenda_item__meeting=meeting, code__iexact=code).exists():
        raise ValidationError(
            _("This meeting already has an annex %(code)s.") % {"code": code},
            code="annex-code-taken",
        )


def annex_add(
    *,
    item: AgendaItem,
    user: User,
    code: str,
    title: str,
    confidential: bool = False,
    upload=None,
    due_date: datetime.date | None = None,
) -> Annex:
    """An annex with its file, or announced to follow by `due_date` (nagezonden)."""
    only_secretariat_prepares(user)
    code = code.strip()
    _check_file_or_due_date(upload, due_date)
    if upload is not None:
        validate_pdf_upload(upload)
    with transaction.atomic():
        meeting = lock(item.meeting)
        _check_annexes_until_closed(meeting)
        _check_annex_code_unique(meeting, code)
        annex = Annex(
            agenda_item=item,
            code=code,
            title=title.strip(),
            confidential=confidential,
            due_date=due_date if upload is None else None,
            uploaded_by=user,
        )
        annex.full_clean(exclude=["file"])
        if upload is not None:
            _attach(annex, upload)
        annex.save()
    return annex


def _attach(annex: Annex, upload) -> None:
    annex.original_name = upload.name[:255]
    annex.size = upload.size
    annex.arrived_at = timezone.now()
    annex.file.save(upload.name, upload, save=False)


def annex_upload(*, annex: Annex, user: User, upload) -> Annex:
    """The file of an announced annex arrives; the invitees of a convened meeting are told."""
    only_secretariat_prepares(user)
    validate_pdf_upload(upload)
    with transaction.atomic():
        meeting = lock(annex.agenda_item.meeting)
        annex = Annex.objects.select_for_update().get(pk=annex.pk)
        _check_annex_not_frozen(meeting)
        _check_not_withdrawn(annex)
        was_announced = not annex.file
        _attach(annex, upload)
        annex.uploaded_by = user
        annex.save()
        if was_announced and meeting.status in (MeetingStatus.CONVENED, MeetingStatus.IN_SESSION):
            enqueue_on_commit(tasks.notify_annex_arrived, annex.pk)
    return annex
