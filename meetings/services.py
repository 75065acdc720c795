"""Writes of the meetings app: the secretariat prepares, convenes, minutes and publishes.

Every function checks its rules and raises `ValidationError` with a readable message; nothing
is stored when it does. Other apps (proxies, voting) call these functions, not the models.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from dimpact_portal.queueing import enqueue_on_commit
from documents.uploads import validate_pdf_upload
from meetings import tasks
from meetings.constants import (
    BODY_OF_KIND,
    STANDARD_AGENDA,
    ActionStatus,
    ApprovalResult,
    AttendanceRole,
    MeetingFormat,
    MeetingStatus,
    MinutesStatus,
    StandardItem,
)
from meetings.models import (
    ActionItem,
    AgendaItem,
    Annex,
    Attendance,
    Decision,
    Meeting,
    Minutes,
    MinutesCorrection,
    MinutesEntry,
)
from meetings.selectors import can_manage_meetings, previous_meeting
from members.models import Member

MEETING_FIELDS = (
    "kind",
    "title",
    "date",
    "start_time",
    "end_time",
    "format",
    "location",
    "video_url",
    "invitees",
    "service",
)
ITEM_FIELDS = ("title", "purpose", "description", "proposal", "confidential")
# Until the meeting starts the agenda can change; afterwards only minutes and lists.
AGENDA_OPEN = (MeetingStatus.DRAFT, MeetingStatus.CONVENED)


def _require_secretariat(user: User) -> None:
    if not can_manage_meetings(user):
        raise PermissionDenied(_("Only the secretariat prepares meetings."))


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _require_agenda_open(meeting: Meeting) -> None:
    if meeting.status not in AGENDA_OPEN:
        raise ValidationError(_("The agenda cannot change once the meeting has started."))


def _check_format(meeting: Meeting) -> None:
    from statutes.selectors import association_current

    if (
        meeting.format != MeetingFormat.PHYSICAL
        and not association_current().remote_meetings_allowed
    ):
        raise ValidationError(
            _("The statutes (or the law of the day) allow only meetings in person.")
        )


def meeting_create(*, created_by: User, **fields: Any) -> Meeting:
    """A draft meeting with the standard agenda; its "minutes" item points at the previous
    meeting of the same body."""
    _require_secretariat(created_by)
    meeting = Meeting(
        created_by=created_by, **{k: fields.get(k) for k in MEETING_FIELDS if k in fields}
    )
    meeting.full_clean()
    _check_format(meeting)
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
    _require_secretariat(user)
    with transaction.atomic():
        meeting = _lock(meeting)
        if meeting.status in (MeetingStatus.CLOSED, MeetingStatus.MINUTES_ADOPTED):
            raise ValidationError(_("A closed meeting cannot change."))
        for key in MEETING_FIELDS:
            if key in fields:
                setattr(meeting, key, fields[key])
        meeting.full_clean()
        _check_format(meeting)
        meeting.save()
    return meeting


def agenda_item_add(*, meeting: Meeting, user: User, **fields: Any) -> AgendaItem:
    """A subject item, placed before "any other business" (or last when there is none)."""
    _require_secretariat(user)
    with transaction.atomic():
        meeting = _lock(meeting)
        _require_agenda_open(meeting)
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
    _require_secretariat(user)
    with transaction.atomic():
        _require_agenda_open(_lock(item.meeting))
        for key in ITEM_FIELDS:
            if key in fields:
                setattr(item, key, fields[key])
        item.full_clean()
        item.save()
    return item


def agenda_item_move(*, item: AgendaItem, user: User, up: bool) -> None:
    """Swap the item with its neighbour above (`up`) or below."""
    _require_secretariat(user)
    with transaction.atomic():
        meeting = _lock(item.meeting)
        _require_agenda_open(meeting)
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
    _require_secretariat(user)
    with transaction.atomic():
        meeting = _lock(item.meeting)
        if meeting.status != MeetingStatus.DRAFT:
            raise ValidationError(
                _("Items of an agenda that was sent cannot be removed; change the item instead.")
            )
        position = item.position
        item.delete()
        for later in meeting.items.filter(position__gt=position).order_by("position"):
            later.position -= 1
            later.save(update_fields=["position"])


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
    _require_secretariat(user)
    code = code.strip()
    if upload is None and due_date is None:
        raise ValidationError(_("Upload the file, or give the date by which it will follow."))
    if upload is not None:
        validate_pdf_upload(upload)
    with transaction.atomic():
        meeting = _lock(item.meeting)
        if meeting.status in (MeetingStatus.CLOSED, MeetingStatus.MINUTES_ADOPTED):
            raise ValidationError(_("A closed meeting takes no new annexes."))
        if Annex.objects.filter(agenda_item__meeting=meeting, code__iexact=code).exists():
            raise ValidationError(_("This meeting already has an annex %(code)s.") % {"code": code})
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
    _require_secretariat(user)
    validate_pdf_upload(upload)
    with transaction.atomic():
        meeting = _lock(annex.agenda_item.meeting)
        annex = Annex.objects.select_for_update().get(pk=annex.pk)
        was_announced = not annex.file
        _attach(annex, upload)
        annex.uploaded_by = user
        annex.save()
        if was_announced and meeting.status in (MeetingStatus.CONVENED, MeetingStatus.IN_SESSION):
            enqueue_on_commit(tasks.notify_annex_arrived, annex.pk)
    return annex


def meeting_convene(*, meeting: Meeting, user: User) -> Meeting:
    """Send the agenda: every invitee gets it by e-mail with a link and an .ics invitation."""
    _require_secretariat(user)
    with transaction.atomic():
        meeting = _lock(meeting)
        if meeting.status != MeetingStatus.DRAFT:
            raise ValidationError(_("This meeting was convened already."))
        if meeting.date < timezone.localdate():
            raise ValidationError(_("A meeting in the past cannot be convened."))
        if not meeting.items.exclude(standard__in=[s.value for s in StandardItem]).exists():
            raise ValidationError(_("Add at least one subject to the agenda before sending it."))
        meeting.status = MeetingStatus.CONVENED
        meeting.convened_at = timezone.now()
        meeting.save(update_fields=["status", "convened_at"])
        enqueue_on_commit(tasks.send_convocation, meeting.pk)
    return meeting


def meeting_open(*, meeting: Meeting, user: User) -> Meeting:
    _require_chair_or_secretariat(user)
    with transaction.atomic():
        meeting = _lock(meeting)
        if meeting.status != MeetingStatus.CONVENED:
            raise ValidationError(_("Only a convened meeting can be opened."))
        meeting.status = MeetingStatus.IN_SESSION
        meeting.opened_at = timezone.now()
        meeting.save(update_fields=["status", "opened_at"])
    return meeting


def meeting_close(*, meeting: Meeting, user: User) -> Meeting:
    _require_chair_or_secretariat(user)
    with transaction.atomic():
        meeting = _lock(meeting)
        if meeting.status != MeetingStatus.IN_SESSION:
            raise ValidationError(_("Only a meeting in session can be closed."))
        meeting.status = MeetingStatus.CLOSED
        meeting.closed_at = timezone.now()
        meeting.save(update_fields=["status", "closed_at"])
        minutes_for(meeting)
    return meeting


def _require_chair_or_secretariat(user: User) -> None:
    from accounts.constants import Role
    from accounts.roles import role_names

    if not role_names(user) & {Role.SECRETARIAT, Role.CHAIR}:
        raise PermissionDenied(_("Only the chair or the secretariat opens and closes a meeting."))


def meeting_publish(*, meeting: Meeting, user: User) -> Meeting:
    """Publish the decision list and public annexes on the public pages."""
    _require_secretariat(user)
    with transaction.atomic():
        meeting = _lock(meeting)
        if meeting.status not in (MeetingStatus.CLOSED, MeetingStatus.MINUTES_ADOPTED):
            raise ValidationError(_("Decisions are published after the meeting has closed."))
        if meeting.published_at is None:
            meeting.published_at = timezone.now()
            meeting.save(update_fields=["published_at"])
    return meeting


def minutes_for(meeting: Meeting) -> Minutes:
    """The meeting's minutes, with an entry per agenda item (made when missing)."""
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    existing = set(minutes.entries.values_list("agenda_item_id", flat=True))
    for item in meeting.items.exclude(pk__in=existing):
        MinutesEntry.objects.create(minutes=minutes, agenda_item=item)
    return minutes


def minutes_entry_save(*, item: AgendaItem, user: User, text: str) -> MinutesEntry:
    _require_secretariat(user)
    with transaction.atomic():
        meeting = _lock(item.meeting)
        if meeting.status == MeetingStatus.DRAFT:
            raise ValidationError(_("Minutes are written once the meeting has been convened."))
        minutes = minutes_for(meeting)
        if minutes.is_adopted:
            raise ValidationError(
                _("These minutes are adopted and frozen; record a correction with its decision.")
            )
        entry = MinutesEntry.objects.select_for_update().get(agenda_item=item)
        entry.text = text.strip()
        entry.full_clean()
        entry.save()
    return entry


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
    _require_secretariat(user)
    corrections = corrections or {}
    with transaction.atomic():
        minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
        in_meeting = _lock(in_meeting)
        if minutes.is_adopted:
            raise ValidationError(_("These minutes were adopted already."))
        if minutes.meeting.status != MeetingStatus.CLOSED:
            raise ValidationError(_("Only the minutes of a closed meeting can be adopted."))
        if in_meeting.date <= minutes.meeting.date or in_meeting.status not in (
            MeetingStatus.IN_SESSION,
            MeetingStatus.CLOSED,
        ):
            raise ValidationError(
                _("Minutes are adopted in a later meeting, while it is in session.")
            )
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
        with translation.override(settings.LANGUAGE_CODE):
            what = _("The minutes of the %(meeting)s of %(date)s are adopted") % {
                "meeting": minutes.meeting.title,
                "date": date_format(minutes.meeting.date, "j F Y"),
            }
            text = what + (_(" with corrections.") if corrections else ".")
        if note.strip():
            text += " " + note.strip()
        item = in_meeting.items.filter(standard=StandardItem.PREVIOUS_MINUTES).first()
        _decision_add(meeting=in_meeting, user=user, text=text, agenda_item=item)
    return minutes


def minutes_correct(
    *, entry: MinutesEntry, user: User, text: str, reason: str, in_meeting: Meeting
) -> MinutesCorrection:
    """Change adopted minutes: only by a decision of `in_meeting`, kept with the old text."""
    _require_secretariat(user)
    if not reason.strip():
        raise ValidationError(_("Say why the adopted minutes are corrected."))
    with transaction.atomic():
        entry = (
            MinutesEntry.objects.select_for_update()
            .select_related("minutes__meeting")
            .get(pk=entry.pk)
        )
        if not entry.minutes.is_adopted:
            raise ValidationError(_("Draft minutes are edited directly, not corrected."))
        with translation.override(settings.LANGUAGE_CODE):
            decision_text = _(
                "Correction of the adopted minutes of %(meeting)s, item %(item)s: %(reason)s"
            ) % {
                "meeting": entry.minutes.meeting,
                "item": entry.agenda_item.position,
                "reason": reason.strip(),
            }
        decision = _decision_add(meeting=in_meeting, user=user, text=decision_text)
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


def action_add(
    *,
    meeting: Meeting,
    user: User,
    text: str,
    owner: str,
    due_date: datetime.date | None = None,
    agenda_item: AgendaItem | None = None,
    number: int | None = None,
) -> ActionItem:
    """A new action, numbered on after the last action of the meeting's body."""
    _require_secretariat(user)
    body = BODY_OF_KIND[meeting.kind]
    for _attempt in range(5):
        try:
            with transaction.atomic():
                last = ActionItem.objects.filter(body=body).aggregate(Max("number"))["number__max"]
                action = ActionItem(
                    body=body,
                    number=number or (last or 0) + 1,
                    meeting=meeting,
                    agenda_item=agenda_item,
                    text=text.strip(),
                    owner=owner.strip(),
                    due_date=due_date,
                )
                action.full_clean(validate_constraints=False)
                action.save()
                return action
        except IntegrityError:
            if number is not None:
                raise ValidationError(
                    _("Action %(number)s exists already.") % {"number": number}
                ) from None
    raise ValidationError(_("The action could not be numbered; try again."))


def action_close(
    *, action: ActionItem, user: User, in_meeting: Meeting | None = None, note: str = ""
) -> ActionItem:
    _require_secretariat(user)
    with transaction.atomic():
        action = ActionItem.objects.select_for_update().get(pk=action.pk)
        if action.status == ActionStatus.DONE:
            return action
        action.status = ActionStatus.DONE
        action.closed_in = in_meeting
        action.closed_on = in_meeting.date if in_meeting else timezone.localdate()
        action.closing_note = note.strip()
        action.full_clean()
        action.save()
    return action


def action_reopen(*, action: ActionItem, user: User) -> ActionItem:
    _require_secretariat(user)
    with transaction.atomic():
        action = ActionItem.objects.select_for_update().get(pk=action.pk)
        action.status = ActionStatus.OPEN
        action.closed_in = None
        action.closed_on = None
        action.save()
    return action


def decision_add(
    *,
    meeting: Meeting,
    user: User,
    text: str,
    agenda_item: AgendaItem | None = None,
    date: datetime.date | None = None,
    confidential: bool = False,
) -> Decision:
    _require_secretariat(user)
    if meeting.status == MeetingStatus.DRAFT:
        raise ValidationError(_("Decisions are recorded once the meeting has been convened."))
    return _decision_add(
        meeting=meeting,
        user=user,
        text=text,
        agenda_item=agenda_item,
        date=date,
        confidential=confidential,
    )


def _decision_add(
    *,
    meeting: Meeting | None,
    user: User | None,
    text: str,
    agenda_item: AgendaItem | None = None,
    date: datetime.date | None = None,
    confidential: bool = False,
) -> Decision:
    if not text.strip():
        raise ValidationError(_("A decision needs its text."))
    with transaction.atomic():
        if meeting is not None:
            _lock(meeting)  # numbers are given out one at a time per meeting
            last = meeting.decisions.aggregate(Max("number"))["number__max"]
        else:
            # Decisions outside a meeting have their own numbers; the last one's row is locked.
            list(Decision.objects.select_for_update().filter(meeting=None).order_by("-number")[:1])
            last = Decision.objects.filter(meeting=None).aggregate(Max("number"))["number__max"]
        decision = Decision(
            meeting=meeting,
            number=(last or 0) + 1,
            date=date or (meeting.date if meeting else timezone.localdate()),
            text=text.strip(),
            agenda_item=agenda_item,
            confidential=confidential,
            recorded_by=user,
        )
        decision.full_clean(validate_constraints=False)
        decision.save()
    return decision


def decision_record(
    *,
    meeting: Meeting | None,
    text: str,
    agenda_item: AgendaItem | None = None,
    date: datetime.date | None = None,
    user: User | None = None,
) -> Decision:
    """Add a decision taken by a poll or in writing to the decision list. For other apps'
    services (voting), which check who may take it."""
    return _decision_add(meeting=meeting, user=user, text=text, agenda_item=agenda_item, date=date)


def attendance_save(
    *,
    meeting: Meeting,
    user: User,
    role: str,
    member: Member | None = None,
    person: str = "",
    present: bool = True,
    remark: str = "",
    note: str = "",
    row: Attendance | None = None,
) -> Attendance:
    """Add or correct one line of the attendance list (the secretariat)."""
    _require_secretariat(user)
    return attendance_record(
        meeting=meeting,
        role=role,
        member=member,
        person=person,
        present=present,
        remark=remark,
        note=note,
        row=row,
    )


def attendance_record(
    *,
    meeting: Meeting,
    member: Member | None = None,
    role: str = AttendanceRole.MEMBER,
    person: str = "",
    present: bool = True,
    remark: str = "",
    note: str = "",
    row: Attendance | None = None,
) -> Attendance:
    """Write one line of the attendance list. For other apps' services (a representative
    registering, proxies deriving the list); they check who may do so."""
    with transaction.atomic():
        _lock(meeting)
        if row is None and member is not None:
            row = meeting.attendance.filter(member=member).first()
        if row is None:
            last = meeting.attendance.aggregate(Max("position"))["position__max"]
            row = Attendance(meeting=meeting, position=(last or 0) + 1)
        row.role = AttendanceRole.MEMBER if member is not None else role
        row.member = member
        row.person = person.strip()
        row.present = present and bool(person.strip() or member is None)
        row.remark = remark.strip()
        row.note = note.strip()
        row.full_clean()
        row.save()
    return row


def attendance_start_from_register(*, meeting: Meeting, user: User) -> int:
    """A line per member on the register that day (absent until filled in); returns how many."""
    from members.selectors import member_register

    _require_secretariat(user)
    created = 0
    with transaction.atomic():
        _lock(meeting)
        have = set(meeting.attendance.exclude(member=None).values_list("member_id", flat=True))
        last = meeting.attendance.aggregate(Max("position"))["position__max"] or 0
        for member in member_register(on=meeting.date).order_by("name"):
            if member.pk in have:
                continue
            last += 1
            Attendance.objects.create(
                meeting=meeting,
                member=member,
                role=AttendanceRole.MEMBER,
                present=False,
                position=last,
            )
            created += 1
    return created
