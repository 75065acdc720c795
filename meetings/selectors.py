"""Reads of the meetings app, and who may see what.

Assemblies (ALV) are for every member's representative and secretary; supervisory board
meetings for the board and the secretariat. Confidential items and annexes need more than
seeing the meeting; the public sees published decisions and public annexes only.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import chain

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.models import User
from accounts.roles import role_names
from meetings.constants import (
    ASSEMBLY_KINDS,
    BODY_OF_KIND,
    ActionStatus,
    MeetingKind,
    MeetingStatus,
)
from meetings.models import (
    ActionItem,
    AgendaItem,
    Annex,
    Attendance,
    Decision,
    Meeting,
    Minutes,
    MinutesEntry,
)
from members.models import Mandate
from members.selectors import member_register

STAFF_ROLES = frozenset({Role.SECRETARIAT, Role.CHAIR, Role.SUPERVISORY_BOARD})


def is_member_person(user: User | AnonymousUser) -> bool:
    """A current representative or secretary of some member."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_member_person", None)
    if cached is None:
        cached = Mandate.objects.current().filter(user=user).exists()
        user._member_person = cached  # type: ignore[union-attr]
    return cached


def can_manage_meetings(user) -> bool:
    return Role.SECRETARIAT in role_names(user)


def can_see_meeting(user, meeting: Meeting) -> bool:
    roles = role_names(user)
    if Role.SECRETARIAT in roles:
        return True
    if meeting.kind == MeetingKind.SUPERVISORY_BOARD:
        return bool(roles & {Role.SUPERVISORY_BOARD, Role.CHAIR})
    if meeting.status == MeetingStatus.DRAFT:
        return False  # a draft agenda is the secretariat's until it is sent
    return bool(roles) or is_member_person(user)


def can_see_confidential(user, meeting: Meeting) -> bool:
    """Confidential items, annexes and minutes of `meeting`."""
    if not can_see_meeting(user, meeting):
        return False
    roles = role_names(user)
    if roles & STAFF_ROLES:
        return True
    return meeting.kind in ASSEMBLY_KINDS and is_member_person(user)


def meetings_visible(user) -> QuerySet[Meeting]:
    meetings = Meeting.objects.all()
    roles = role_names(user)
    if Role.SECRETARIAT in roles:
        return meetings
    meetings = meetings.exclude(status=MeetingStatus.DRAFT)
    if not roles & {Role.SUPERVISORY_BOARD, Role.CHAIR}:
        meetings = meetings.exclude(kind=MeetingKind.SUPERVISORY_BOARD)
    if not roles and not is_member_person(user):
        return meetings.none()
    return meetings


def meeting_for_user(user, pk: int) -> Meeting:
    """The meeting `pk`; 404 if unknown, 403 if `user` may not see it."""
    meeting = get_object_or_404(Meeting, pk=pk)
    if not can_see_meeting(user, meeting):
        raise PermissionDenied(_("You may not see this meeting."))
    return meeting


def meeting_for_secretariat(user, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting, pk=pk)
    if not can_manage_meetings(user):
        raise PermissionDenied(_("Only the secretariat prepares meetings."))
    return meeting


@dataclass(frozen=True)
class AgendaRow:
    item: AgendaItem
    annexes: list[Annex]
    restricted: bool  # confidential and the reader is not entitled: show the title only


def agenda_rows(meeting: Meeting, user) -> list[AgendaRow]:
    confidential_ok = can_see_confidential(user, meeting)
    items = meeting.items.prefetch_related("annexes").order_by("position")
    rows = []
    for item in items:
        restricted = item.confidential and not confidential_ok
        annexes = [
            annex
            for annex in item.annexes.all()
            if confidential_ok or not (annex.confidential or item.confidential)
        ]
        rows.append(
            AgendaRow(item=item, annexes=[] if restricted else annexes, restricted=restricted)
        )
    return rows


def annex_is_confidential(annex: Annex) -> bool:
    return annex.confidential or annex.agenda_item.confidential


def annex_for_download(user, meeting_pk: int, annex_pk: int) -> Annex:
    """The annex if `user` may read it: public annexes of published meetings for anyone,
    others for those who see the meeting (and are entitled to confidential ones)."""
    annex = get_object_or_404(
        Annex.objects.select_related("agenda_item__meeting"),
        pk=annex_pk,
        agenda_item__meeting_id=meeting_pk,
    )
    meeting = annex.agenda_item.meeting
    if annex_is_confidential(annex):
        allowed = can_see_confidential(user, meeting)
    else:
        allowed = meeting.published_at is not None or can_see_meeting(user, meeting)
    if not allowed:
        if not user.is_authenticated:
            raise PermissionDenied(_("Log in to read this annex."))
        raise PermissionDenied(_("You may not read this annex."))
    return annex


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The meeting of the same body before this one (its minutes are adopted in this one)."""
    kinds = [kind for kind, body in BODY_OF_KIND.items() if body == BODY_OF_KIND[meeting.kind]]
    return (
        Meeting.objects.filter(kind__in=kinds, date__lt=meeting.date)
        .exclude(pk=meeting.pk)
        .order_by("-date", "-pk")
        .first()
    )


def action_list(meeting: Meeting) -> QuerySet[ActionItem]:
    """The actions of this meeting's body as they stood at it: raised at it or before, and
    open then (closed at it or later, or still open)."""
    return (
        ActionItem.objects.filter(body=BODY_OF_KIND[meeting.kind], meeting__date__lte=meeting.date)
        .filter(Q(status=ActionStatus.OPEN) | Q(closed_on__gte=meeting.date))
        .select_related("meeting", "closed_in")
        .order_by("number")
    )


def actions_overdue(today: datetime.date) -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(status=ActionStatus.OPEN, due_date__lt=today)


def decision_list(meeting: Meeting, *, public: bool = False) -> QuerySet[Decision]:
    decisions = meeting.decisions.select_related("agenda_item").order_by("number")
    if public:
        decisions = decisions.filter(confidential=False)
    return decisions


def decisions_published() -> QuerySet[Decision]:
    return (
        Decision.objects.filter(meeting__published_at__isnull=False, confidential=False)
        .select_related("meeting")
        .order_by("-meeting__published_at", "-number")
    )


def minutes_of(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).first()


def minutes_entries(meeting: Meeting, user) -> list[tuple[AgendaItem, MinutesEntry | None, bool]]:
    """(item, its minutes, restricted) for every agenda item, in order."""
    confidential_ok = can_see_confidential(user, meeting)
    entries = {
        entry.agenda_item_id: entry
        for entry in MinutesEntry.objects.filter(agenda_item__meeting=meeting).prefetch_related(
            "corrections"
        )
    }
    return [
        (item, entries.get(item.pk), item.confidential and not confidential_ok)
        for item in meeting.items.order_by("position")
    ]


def attendance_rows(meeting: Meeting) -> dict[str, list[Attendance]]:
    rows = list(meeting.attendance.select_related("member").order_by("position", "pk"))
    return {
        "members": [row for row in rows if row.member_id],
        "present": [row for row in rows if not row.member_id and row.present],
        "absent": [row for row in rows if not row.member_id and not row.present],
    }


def meeting_invitees(meeting: Meeting) -> list[tuple[str, str]]:
    """(name, e-mail) of everyone the convocation goes to, once per address."""
    people: list[tuple[str, str]] = []
    if meeting.kind != MeetingKind.SUPERVISORY_BOARD:
        members = member_register(on=meeting.date)
        mandates = Mandate.objects.current(meeting.date).filter(member__in=members)
        for mandate in mandates.select_related("user"):
            email = mandate.email or (mandate.user.email if mandate.user else "")
            people.append((mandate.name, email))
    staff_roles = [Role.SECRETARIAT, Role.SUPERVISORY_BOARD, Role.CHAIR]
    staff = User.objects.filter(groups__name__in=staff_roles, is_active=True).distinct()
    people.extend((user.get_full_name() or user.username, user.email) for user in staff)
    seen: set[str] = set()
    unique = []
    for name, email in people:
        if email and email.lower() not in seen:
            seen.add(email.lower())
            unique.append((name, email))
    return unique


def meeting_history(meeting: Meeting, limit: int = 300) -> list:
    """Every recorded change to the meeting and its agenda, annexes, minutes, actions,
    decisions and attendance, newest first."""
    records = chain(
        Meeting.history.filter(id=meeting.pk),
        AgendaItem.history.filter(meeting_id=meeting.pk),
        Annex.history.filter(agenda_item_id__in=meeting.items.values("pk")),
        Minutes.history.filter(meeting_id=meeting.pk),
        MinutesEntry.history.filter(agenda_item_id__in=meeting.items.values("pk")),
        ActionItem.history.filter(meeting_id=meeting.pk),
        Decision.history.filter(meeting_id=meeting.pk),
        Attendance.history.filter(meeting_id=meeting.pk),
    )
    ordered = sorted(records, key=lambda record: record.history_date, reverse=True)
    return [
        HistoryLine(
            when=record.history_date,
            who=record.history_user,
            change=record.history_type,
            what=record.instance_type._meta.verbose_name,
            summary=_history_summary(record),
        )
        for record in ordered[:limit]
    ]


@dataclass(frozen=True)
class HistoryLine:
    when: datetime.datetime
    who: User | None
    change: str  # + created, ~ changed, - deleted
    what: str
    summary: str


def _history_summary(record) -> str:
    """A short description from the record's own columns (its relations may be gone)."""
    for name in ("title", "text", "person", "status"):
        value = getattr(record, name, "")
        if value:
            code = (
                getattr(record, "code", "")
                or getattr(record, "number", "")
                or getattr(record, "position", "")
            )
            prefix = f"{code}. " if code and name != "status" else ""
            return (prefix + str(value))[:160]
    return ""
