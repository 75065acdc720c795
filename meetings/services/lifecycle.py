"""A meeting's lifecycle: draft (created, edited) → convened → in session → closed → published."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dimpact_portal.queueing import enqueue_on_commit
from meetings import tasks
from meetings.constants import (
    MEETING_FIELDS,
    MEETING_OVER,
    STANDARD_AGENDA,
    MeetingFormat,
    MeetingStatus,
    StandardItem,
)
from meetings.models import AgendaItem, Meeting
from meetings.selectors import previous_meeting
from meetings.services._common import (
    lock,
    only_chair_or_secretariat_runs,
    only_secretariat_prepares,
)
from meetings.services.minutes import minutes_for

if TYPE_CHECKING:
    from accounts.models import User


def _check_remote_meeting_allowed(meeting: Meeting) -> None:
    from statutes.selectors import association_current

    if (
        meeting.format != MeetingFormat.PHYSICAL
        and not association_current().remote_meetings_allowed
    ):
        raise ValidationError(
            _("The statutes (or the law of the day) allow only meetings in person."),
            code="meeting-remote-not-allowed",
        )


def _check_meeting_not_closed(meeting: Meeting) -> None:
    if meeting.status in MEETING_OVER:
        raise ValidationError(_("A closed meeting cannot change."), code="meeting-closed")


def meeting_create(*, created_by: User, **fields: Any) -> Meeting:
    """A draft meeting with the standard agenda; its "minutes" item points at the previous
    meeting of the same body."""
    only_secretariat_prepares(created_by)
    meeting = Meeting(
        created_by=created_by, **{k: fields.get(k) for k in MEETING_FIELDS if k in fields}
    )
    meeting.full_clean()
    _check_remote_meeting_allowed(meeting)
    with transaction.atomic():
        meeting.save()
        previous = previous_meeting(meeting)
        with translation.override(settings.LANGUAGE_CODE):
            for position, standard in enumerate(STANDARD_AGENDA, start=1):
                AgendaItem.objects.create(
                    meeting=meeting,
                    position=position,
                    title=str(standard.label),
                    standard=standard,
                    minutes_of=previous if standard == StandardItem.PREVIOUS_MINUTES else None,
                )
    return meeting


def meeting_update(*, meeting: Meeting, user: User, **fields: Any) -> Meeting:
    only_secretariat_prepares(user)
    with transaction.atomic():
        meeting = lock(meeting)
        _check_meeting_not_closed(meeting)
        for key in MEETING_FIELDS:
            if key in fields:
                setattr(meeting, key, fields[key])
        meeting.full_clean()
        _check_remote_meeting_allowed(meeting)
        meeting.save()
    return meeting


def _check_convened_once(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.DRAFT:
        raise ValidationError(
            _("This meeting was convened already."), code="meeting-already-convened"
        )


def _check_not_in_the_past(meeting: Meeting) -> None:
    if meeting.date < timezone.localdate():
        raise ValidationError(
            _("A meeting in the past cannot be convened."), code="meeting-in-the-past"
        )


def _check_agenda_has_subject(meeting: Meeting) -> None:
    if not meeting.items.exclude(standard__in=[s.value for s in StandardItem]).exists():
        raise ValidationError(
            _("Add at least one subject to the agenda before sending it."),
            code="agenda-without-subject",
        )


def meeting_convene(*, meeting: Meeting, user: User) -> Meeting:
    """Send the agenda: every invitee gets it by e-mail with a link and an .ics invitation."""
    only_secretariat_prepares(user)
    with transaction.atomic():
        meeting = lock(meeting)
        _check_convened_once(meeting)
        _check_not_in_the_past(meeting)
        _check_agenda_has_subject(meeting)
        meeting.status = MeetingStatus.CONVENED
        meeting.convened_at = timezone.now()
        meeting.save(update_fields=["status", "convened_at"])
        enqueue_on_commit(tasks.send_convocation, meeting.pk)
    return meeting


def _check_opens_when_convened(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.CONVENED:
        raise ValidationError(
            _("Only a convened meeting can be opened."), code="meeting-open-not-convened"
        )


def _check_closes_when_in_session(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.IN_SESSION:
        raise ValidationError(
            _("Only a meeting in session can be closed."), code="meeting-close-not-in-session"
        )


def meeting_open(*, meeting: Meeting, user: User) -> Meeting:
    only_chair_or_secretariat_runs(user)
    with transaction.atomic():
        meeting = lock(meeting)
        _check_opens_when_convened(meeting)
        meeting.status = MeetingStatus.IN_SESSION
        meeting.opened_at = timezone.now()
        meeting.save(update_fields=["status", "opened_at"])
    return meeting


def meeting_close(*, meeting: Meeting, user: User) -> Meeting:
    only_chair_or_secretariat_runs(user)
    with transaction.atomic():
        meeting = lock(meeting)
        _check_closes_when_in_session(meeting)
        meeting.status = MeetingStatus.CLOSED
        meeting.closed_at = timezone.now()
        meeting.save(update_fields=["status", "closed_at"])
        minutes_for(meeting)
    return meeting


def _check_published_after_close(meeting: Meeting) -> None:
    if meeting.status not in MEETING_OVER:
        raise ValidationError(
            _("Decisions are published after the meeting has closed."),
            code="meeting-publish-before-close",
        )


def meeting_publish(*, meeting: Meeting, user: User) -> Meeting:
    """Publish the decision list and public annexes on the public pages."""
    only_secretariat_prepares(user)
    with transaction.atomic():
        meeting = lock(meeting)
        _check_published_after_close(meeting)
        if meeting.published_at is None:
            meeting.published_at = timezone.now()
            meeting.save(update_fields=["published_at"])
    return meeting


def meeting_current_item_set(*, meeting: Meeting, item: AgendaItem | None) -> Meeting:
    """Record the item under discussion. For the voting app's chair page, which checks that
    the chair asks and that the item belongs to this meeting."""
    meeting.current_item = item
    meeting.save(update_fields=["current_item"])
    return meeting
