"""Minutes: written per agenda item once the meeting is convened, adopted in a later meeting,
frozen after that; a change to adopted minutes is a correction backed by a decision."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from meetings.constants import ApprovalResult, MeetingStatus, MinutesStatus, StandardItem
from meetings.models import AgendaItem, Meeting, Minutes, MinutesCorrection, MinutesEntry
from meetings.services._common import lock, only_secretariat_prepares
from meetings.services.lists import record_decision

if TYPE_CHECKING:
    from accounts.models import User


def minutes_for(meeting: Meeting) -> Minutes:
    """The meeting's minutes, with an entry per agenda item (made when missing)."""
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    existing = set(minutes.entries.values_list("agenda_item_id", flat=True))
    for item in meeting.items.exclude(pk__in=existing):
        MinutesEntry.objects.create(minutes=minutes, agenda_item=item)
    return minutes


def _check_minutes_after_convening(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.DRAFT:
        raise ValidationError(
            _("Minutes are written once the meeting has been convened."),
            code="minutes-before-convening",
        )


def _check_minutes_not_frozen(minutes: Minutes) -> None:
    if minutes.is_adopted:
        raise ValidationError(
            _("These minutes are adopted and frozen; record a correction with its decision."),
            code="minutes-frozen",
        )


def minutes_entry_save(*, item: AgendaItem, user: User, text: str) -> MinutesEntry:
    only_secretariat_prepares(user)
    with transaction.atomic():
        meeting = lock(item.meeting)
        _check_minutes_after_convening(meeting)
        minutes = minutes_for(meeting)
        _check_minutes_not_frozen(minutes)
        entry = MinutesEntry.objects.select_for_update().get(agenda_item=item)
        entry.text = text.strip()
        entry.full_clean()
        entry.save()
    return entry


def _check_adopted_once(minutes: Minutes) -> None:
    if minutes.is_adopted:
        raise ValidationError(
            _("These minutes were adopted already."), code="minutes-already-adopted"
        )


def _check_adopted_after_close(minutes: Minutes) -> None:
    if minutes.meeting.status != MeetingStatus.CLOSED:
        raise ValidationError(
            _("Only the minutes of a closed meeting can be adopted."),
            code="minutes-meeting-not-closed",
        )


def _check_adopted_in_later_session(minutes: Minutes, in_meeting: Meeting) -> None:
    if in_meeting.date <= minutes.meeting.date or in_meeting.status not in (
        MeetingStatus.IN_SESSION,
        MeetingStatus.CLOSED,
    ):
        raise ValidationError(
            _("Minutes are adopted in a later meeting, while it is in session."),
            code="minutes-adopted-in-later-meeting",
        )


def minutes_adopt(
    *,
    minutes: Minutes,
    in_meeting: Meeting,
    user: User,
    corrections: dict[int, str] | None = None,
    note: str = "",
) -> Minutes:
    """Adopt `minutes` in the later meeting `in_meeting`, with textual corrections (entry pk to
    corrected text) where given; the adoption enters that meeting's decision list."""
    only_secretariat_prepares(user)
    corrections = corrections or {}
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
        in_meeting = lock(in_meeting)
        _check_adopted_once(minutes)
        _check_adopted_after_close(minutes)
        _check_adopted_in_later_session(minutes, in_meeting)
        # Before the status changes: the database freezes the entries of adopted minutes.
        for entry in minutes.entries.select_for_update().filter(pk__in=corrections):
            entry.text = corrections[entry.pk].strip()
            entry.save()
        minutes.status = MinutesStatus.ADOPTED
        minutes.adopted_in = in_meeting
        minutes.adopted_on = in_meeting.date
        minutes.approval_result = (
            ApprovalResult.APPROVED_WITH_CORRECTION if corrections else ApprovalResult.APPROVED
        )
        minutes.full_clean()
        minutes.save()
        adopted_meeting = Meeting.objects.select_for_update().get(pk=minutes.meeting_id)
        adopted_meeting.status = MeetingStatus.MINUTES_ADOPTED
        adopted_meeting.save(update_fields=["status"])
        item = in_meeting.items.filter(standard=StandardItem.PREVIOUS_MINUTES).first()
        text = _adoption_text(minutes, corrected=bool(corrections), note=note)
        record_decision(meeting=in_meeting, user=user, text=text, agenda_item=item)
    return minutes


def _adoption_text(minutes: Minutes, *, corrected: bool, note: str) -> str:
    """The decision-list line of an adoption, in the portal's language."""
    with translation.override(settings.LANGUAGE_CODE):
        what = _("The minutes of the %(meeting)s of %(date)s are adopted") % {
            "meeting": minutes.meeting.title,
            "date": date_format(minutes.meeting.date, "j F Y"),
        }
        text = what + (_(" with corrections.") if corrected else ".")
    if note.strip():
        text += " " + note.strip()
    return text


def _check_correction_has_reason(reason: str) -> None:
    if not reason.strip():
        raise ValidationError(
            _("Say why the adopted minutes are corrected."), code="minutes-correction-reason"
        )


def _check_corrects_only_adopted(entry: MinutesEntry) -> None:
    if not entry.minutes.is_adopted:
        raise ValidationError(
            _("Draft minutes are edited directly, not corrected."),
            code="minutes-correction-of-draft",
        )


def minutes_correct(
    *, entry: MinutesEntry, user: User, text: str, reason: str, in_meeting: Meeting
) -> MinutesCorrection:
    """Change adopted minutes: only by a decision of `in_meeting`, kept with the old text."""
    only_secretariat_prepares(user)
    _check_correction_has_reason(reason)
    with transaction.atomic():
        entry = (
            MinutesEntry.objects.select_for_update()
            .select_related("minutes__meeting")
            .get(pk=entry.pk)
        )
        _check_corrects_only_adopted(entry)
        with translation.override(settings.LANGUAGE_CODE):
            decision_text = _(
                "Correction of the adopted minutes of %(meeting)s, item %(item)s: %(reason)s"
            ) % {
                "meeting": entry.minutes.meeting,
                "item": entry.agenda_item.position,
                "reason": reason.strip(),
            }
        decision = record_decision(meeting=in_meeting, user=user, text=decision_text)
        correction = MinutesCorrection.objects.create(
            entry=entry,
            text_before=entry.text,
            text_after=text.strip(),
            reason=reason.strip(),
            decision=decision,
            made_by=user,
        )
        entry.text = text.strip()
        entry.save()
    return correction
