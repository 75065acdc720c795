"""Reads of the meetings app, and who may see what.

Assemblies (ALV) are for every member's representative and secretary; supervisory board
meetings for the board and the secretariat. Confidential items and annexes need more than
seeing the meeting; the public sees published decisions and public annexes only.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from itertools import chain
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.roles import role_names
from dimpact_portal.rules import RuleDenied
from documents.inputs import MeetingHeading
from meetings.constants import (
    AGENDA_OPEN,
    ASSEMBLY_KINDS,
    BODY_OF_KIND,
    MEETING_OVER,
    ActionStatus,
    MeetingKind,
    MeetingStatus,
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
    MinutesEntry,
)
from members import selectors as member_selectors
from statutes.selectors import association_current

if TYPE_CHECKING:
    from accounts.models import User

STAFF_ROLES = frozenset({Role.SECRETARIAT, Role.CHAIR, Role.SUPERVISORY_BOARD})


def is_member_person(user: User | AnonymousUser) -> bool:
    """A current representative or secretary of some member."""
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_member_person", None)
    if cached is None:
        cached = member_selectors.members_of_person(user).exists()
        user._member_person = cached  # type: ignore[union-attr]
    return cached


def can_manage_meetings(user) -> bool:
    """The secretariat prepares meetings: agendas, annexes, minutes and lists."""
    return Role.SECRETARIAT in role_names(user)


def can_run_meetings(user) -> bool:
    """The chair and the secretariat open and close meetings (and use the chair's page)."""
    return bool(role_names(user) & {Role.SECRETARIAT, Role.CHAIR})


def only_secretariat_prepares(user) -> None:
    """The guard of `can_manage_meetings`, for services and pages."""
    if not can_manage_meetings(user):
        raise RuleDenied(
            _("Only the secretariat prepares meetings."), code="meeting-secretariat-only"
        )


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
    return _can_see_confidential(user, meeting, lambda: _member_sees_confidential(user))


def _can_see_confidential(user, meeting: Meeting, member_sees) -> bool:
    if not can_see_meeting(user, meeting):
        return False
    roles = role_names(user)
    if roles & STAFF_ROLES:
        return True
    if meeting.kind not in ASSEMBLY_KINDS:
        return False
    return member_sees()


def _member_sees_confidential(user) -> bool:
    """The part of `can_see_confidential` that is the same for every assembly."""
    return is_member_person(user) and (
        association_current().confidential_annexes_for_secretaries
        or member_selectors.members_of_representative(user).exists()
    )


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
    only_those_who_see_it(user, meeting)
    return meeting


def only_those_who_see_it(user, meeting: Meeting) -> None:
    """The guard of `can_see_meeting`."""
    if not can_see_meeting(user, meeting):
        raise RuleDenied(_("You may not see this meeting."), code="meeting-not-visible")


def meeting_for_secretariat(user, pk: int) -> Meeting:
    """The meeting `pk` for the secretariat's pages; 404 if unknown, 403 for anyone else."""
    meeting = get_object_or_404(Meeting, pk=pk)
    only_secretariat_prepares(user)
    return meeting


@dataclass(frozen=True)
class MeetingActions:
    """What `user` may do with a meeting now: the lifecycle in one place, asked by the pages."""

    manage: bool  # the secretariat's tabs and forms (history, lists)
    vote: bool
    chair_page: bool
    edit: bool
    convene: bool
    open: bool
    close: bool
    publish: bool
    edit_agenda: bool  # add, change and move items and annexes
    remove_items: bool
    record_decisions: bool
    edit_minutes: bool
    correct_minutes: bool  # adopted minutes change only by a recorded correction
    correct_annexes: bool  # replace, change or withdraw annexes: until the minutes are adopted


def meeting_actions(*, meeting: Meeting, user, minutes: Minutes | None = None) -> MeetingActions:
    """The actions `user` may take on `meeting` (pass its `minutes` when already read)."""
    manage = can_manage_meetings(user)
    run = can_run_meetings(user)
    status = meeting.status
    if minutes is None and manage and status != MeetingStatus.DRAFT:
        minutes = minutes_of(meeting)
    return MeetingActions(
        manage=manage,
        vote=meeting.is_assembly and status == MeetingStatus.IN_SESSION,
        chair_page=run
        and status in (MeetingStatus.CONVENED, MeetingStatus.IN_SESSION, MeetingStatus.CLOSED),
        edit=manage and status in AGENDA_OPEN,
        convene=manage and status == MeetingStatus.DRAFT,
        open=run and status == MeetingStatus.CONVENED,
        close=run and status == MeetingStatus.IN_SESSION,
        publish=manage and meeting.published_at is None and status in MEETING_OVER,
        edit_agenda=manage and status in AGENDA_OPEN,
        remove_items=manage and status == MeetingStatus.DRAFT,
        record_decisions=manage and status != MeetingStatus.DRAFT,
        edit_minutes=minutes_editable(meeting=meeting, user=user, minutes=minutes),
        correct_minutes=manage and minutes is not None and minutes.is_adopted,
        correct_annexes=manage and not (minutes is not None and minutes.is_adopted),
    )


def minutes_editable(*, meeting: Meeting, user, minutes: Minutes | None) -> bool:
    """Minutes are written by the secretariat from convening until they are adopted."""
    return (
        can_manage_meetings(user)
        and meeting.status != MeetingStatus.DRAFT
        and not (minutes is not None and minutes.is_adopted)
    )


def minutes_to_adopt(*, meeting: Meeting, user) -> Minutes | None:
    """The previous meeting's minutes, if `user` may adopt them in `meeting` (not yet adopted)."""
    if not can_manage_meetings(user):
        return None
    item = meeting.items.filter(
        standard=StandardItem.PREVIOUS_MINUTES, minutes_of__isnull=False
    ).first()
    previous = minutes_of(item.minutes_of) if item else None
    return previous if previous is not None and not previous.is_adopted else None


def meeting_heading(meeting: Meeting) -> MeetingHeading:
    """The heading of the meeting's documents (title, date, times, place, invitees)."""
    return MeetingHeading(
        title=meeting.title,
        date=meeting.date,
        start=meeting.start_time.strftime("%H.%M") if meeting.start_time else "",
        end=(meeting.end_time.strftime("%H.%M") + " uur") if meeting.end_time else "",
        location=meeting.location,
        invitees=meeting.invitees,
    )


@dataclass(frozen=True)
class AgendaRow:
    item: AgendaItem
    annexes: list[Annex]
    restricted: bool  # confidential and the reader is not entitled: show the title only


def agenda_rows(meeting: Meeting, user) -> list[AgendaRow]:
    confidential_ok = can_see_confidential(user, meeting)
    secretariat = can_manage_meetings(user)
    items = meeting.items.prefetch_related("annexes").order_by("position")
    rows = []
    for item in items:
        restricted = item.confidential and not confidential_ok
        annexes = _annexes_shown(item, confidential_ok, secretariat)
        rows.append(
            AgendaRow(item=item, annexes=[] if restricted else annexes, restricted=restricted)
        )
    return rows


def agenda_annexes(meetings, user) -> list[Annex]:
    """The annexes the agendas of `meetings` show `user` (as `agenda_rows` does per meeting),
    in two queries however many meetings there are."""
    meetings = {meeting.pk: meeting for meeting in meetings}
    secretariat = can_manage_meetings(user)
    # The annexes with their items: not every item of every agenda (most have no annex).
    annexes = (
        Annex.objects.filter(agenda_item__meeting_id__in=meetings)
        .select_related("agenda_item")
        .order_by("agenda_item__meeting_id", "agenda_item__position", "agenda_item_id", "code")
    )
    # The member side's part asked once for all the meetings.
    member_sees = functools.cache(lambda: _member_sees_confidential(user))
    confidential_ok = {
        pk: _can_see_confidential(user, meeting, member_sees) for pk, meeting in meetings.items()
    }
    # An item's confidentiality hides its annexes too (`_annex_shown`).
    return [
        annex
        for annex in annexes
        if _annex_shown(
            annex, annex.agenda_item, confidential_ok[annex.agenda_item.meeting_id], secretariat
        )
    ]


def _annex_shown(annex: Annex, item: AgendaItem, confidential_ok: bool, secretariat: bool) -> bool:
    return (confidential_ok or not (annex.confidential or item.confidential)) and (
        # a withdrawn annex is gone for everyone but the secretariat, who sees why
        annex.withdrawn_at is None or secretariat
    )


def _annexes_shown(item: AgendaItem, confidential_ok: bool, secretariat: bool) -> list[Annex]:
    return [
        annex
        for annex in item.annexes.all()
        if _annex_shown(annex, item, confidential_ok, secretariat)
    ]


def annex_is_confidential(annex: Annex) -> bool:
    return annex.confidential or annex.agenda_item.confidential


def annexes_of(meeting: Meeting) -> QuerySet[Annex]:
    """The meeting's annexes that are not withdrawn, in agenda order (available or announced)."""
    return (
        Annex.objects.filter(agenda_item__meeting=meeting, withdrawn_at__isnull=True)
        .select_related("agenda_item")
        .order_by("agenda_item__position", "code")
    )


def annex_for_download(user, meeting_pk: int, annex_pk: int) -> Annex:
    """The annex if `user` may read it: public annexes of published meetings for anyone,
    others for those who see the meeting (and are entitled to confidential ones)."""
    annex = get_object_or_404(
        Annex.objects.select_related("agenda_item__meeting"),
        pk=annex_pk,
        agenda_item__meeting_id=meeting_pk,
    )
    meeting = annex.agenda_item.meeting
    if annex.withdrawn_at is not None:
        if not can_see_confidential(user, meeting):
            raise RuleDenied(_("This annex was withdrawn."), code="annex-withdrawn-not-readable")
        return annex
    if annex_is_confidential(annex):
        allowed = can_see_confidential(user, meeting)
    else:
        allowed = meeting.published_at is not None or can_see_meeting(user, meeting)
    if not allowed:
        if not user.is_authenticated:
            raise RuleDenied(_("Log in to read this annex."), code="annex-login-required")
        raise RuleDenied(_("You may not read this annex."), code="annex-not-readable")
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
    return minutes_entries_of([meeting], user)[meeting.pk]


def minutes_entries_of(
    meetings, user, *, corrections: bool = True
) -> dict[int, list[tuple[AgendaItem, MinutesEntry | None, bool]]]:
    """`minutes_entries` of each of `meetings` (meeting pk → rows), in two queries (three with
    the entries' `corrections`) whatever their number."""
    meetings = list(meetings)
    pks = [meeting.pk for meeting in meetings]
    # The member side's part asked once for all the meetings.
    member_sees = functools.cache(lambda: _member_sees_confidential(user))
    confidential_ok = {
        meeting.pk: _can_see_confidential(user, meeting, member_sees) for meeting in meetings
    }
    found = MinutesEntry.objects.filter(agenda_item__meeting__in=pks)
    if corrections:
        found = found.prefetch_related("corrections")
    entries = {entry.agenda_item_id: entry for entry in found}
    rows: dict[int, list] = {pk: [] for pk in pks}
    by_pk = {meeting.pk: meeting for meeting in meetings}
    for item in AgendaItem.objects.filter(meeting__in=pks).order_by("position"):
        item.meeting = by_pk[item.meeting_id]  # as `meeting.items` would: no query to read it
        rows[item.meeting_id].append(
            (
                item,
                entries.get(item.pk),
                item.confidential and not confidential_ok[item.meeting_id],
            )
        )
    return rows


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
        for mandate in member_selectors.mandates_on_register(meeting.date):
            people.append((mandate.name, member_selectors.mandate_email(mandate)))
    from accounts.selectors import users_with_role  # it reads meetings for the home page

    staff = users_with_role(Role.SECRETARIAT, Role.SUPERVISORY_BOARD, Role.CHAIR)
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
    histories = (
        Meeting.history.filter(id=meeting.pk),
        AgendaItem.history.filter(meeting_id=meeting.pk),
        Annex.history.filter(agenda_item_id__in=meeting.items.values("pk")),
        Minutes.history.filter(meeting_id=meeting.pk),
        MinutesEntry.history.filter(agenda_item_id__in=meeting.items.values("pk")),
        ActionItem.history.filter(meeting_id=meeting.pk),
        Decision.history.filter(meeting_id=meeting.pk),
        Attendance.history.filter(meeting_id=meeting.pk),
    )
    # The newest `limit` of each (the newest `limit` of all are among them), with who made
    # them in the same query: a query per table however long the history is.
    records = chain.from_iterable(
        history.select_related("history_user").order_by("-history_date")[:limit]
        for history in histories
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


# Reads the proxies and voting apps take from meetings (so they need not touch its models).


def meeting_get_or_404(pk: int) -> Meeting:
    """The meeting `pk` (404 if unknown), for pages that check who may see it themselves."""
    return get_object_or_404(Meeting, pk=pk)


def meeting_lock(meeting_pk: int) -> Meeting:
    """The meeting's row, locked until the transaction ends (serialises work per meeting)."""
    return Meeting.objects.select_for_update().get(pk=meeting_pk)


def meeting_on(date: datetime.date) -> Meeting:
    """The meeting held on `date` (the demo loaders name meetings by their date)."""
    return Meeting.objects.get(date=date)


def assemblies_convened_on(date: datetime.date) -> QuerySet[Meeting]:
    """Assemblies convened (agenda sent, not yet in session) for `date`."""
    return Meeting.objects.filter(kind__in=ASSEMBLY_KINDS, status=MeetingStatus.CONVENED, date=date)


def agenda_items(meeting: Meeting, *, for_decision: bool = False) -> QuerySet[AgendaItem]:
    """The meeting's agenda items in order; only those put to a decision when asked."""
    from meetings.constants import ItemPurpose

    items = meeting.items.order_by("position")
    return items.filter(purpose=ItemPurpose.DECISION) if for_decision else items


def agenda_item_of(meeting: Meeting, pk) -> AgendaItem | None:
    """The meeting's agenda item `pk`; None when it has no such item."""
    return meeting.items.filter(pk=pk or 0).first()


def agenda_item_at(meeting: Meeting, position: int) -> AgendaItem:
    """The meeting's agenda item numbered `position`."""
    return meeting.items.get(position=position)


def attendance_present(meeting: Meeting) -> dict[int, str]:
    """Member pk → the person registered as attending for it (members' rows marked present)."""
    return {
        row.member_id: row.person
        for row in meeting.attendance.filter(present=True).exclude(member=None)
    }


def attendance_row(meeting: Meeting, member, *, present: bool | None = None) -> Attendance | None:
    """The member's row of the attendance list (only if marked present, when asked)."""
    rows = meeting.attendance.filter(member=member)
    if present is not None:
        rows = rows.filter(present=present)
    return rows.first()


def attendance_is_present(meeting_id: int, member_id: int) -> bool:
    """Whether the member is registered as present at the meeting."""
    return Attendance.objects.filter(
        meeting_id=meeting_id, member_id=member_id, present=True
    ).exists()


def meeting_db_table() -> str:
    """The meeting table's name, for the voting app's single-query ballot check."""
    return Meeting._meta.db_table


def meeting_has_started(meeting: Meeting, at: datetime.datetime | None = None) -> bool:
    """The meeting has started: its start date and time has come (midnight when it has no
    start time), or the chair opened it, whichever comes first. One moment for filing,
    changing and revoking proxies alike; `at` is now unless given (a deadline before the start
    asks with `at` moved forward)."""
    from zoneinfo import ZoneInfo

    from django.conf import settings
    from django.utils import timezone

    if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.CONVENED):
        return True
    start = datetime.datetime.combine(
        meeting.date,
        meeting.start_time or datetime.time(0, 0),
        tzinfo=ZoneInfo(settings.TIME_ZONE),
    )
    return (at or timezone.now()) >= start


@dataclass(frozen=True)
class Unreached:
    """An invitee the e-mail cannot reach: a member's role without an address, or a person."""

    name: str  # the member (or the person, for the board and the staff)
    missing: str  # who has no address, e.g. "representative J. Jansen" or "no secretary"


@dataclass(frozen=True)
class InvitationReach:
    addresses: int  # how many addresses the invitation (and each notice after it) goes to
    unreached: list[Unreached]

    @property
    def complete(self) -> bool:
        return not self.unreached


def invitation_reach(meeting: Meeting) -> InvitationReach:
    """Whom the convocation, the "annex arrived" and the correction notices reach by e-mail,
    and who is missed: members whose representative or secretary has no address (or who have
    none), and staff without one. The secretariat completes them or reaches them otherwise."""
    from accounts.selectors import users_with_role  # it reads meetings for the home page
    from members.constants import MandateKind

    unreached: list[Unreached] = []
    if meeting.kind != MeetingKind.SUPERVISORY_BOARD:
        mandates: dict[int, dict[str, object]] = {}
        for mandate in member_selectors.mandates_on_register(meeting.date).select_related("member"):
            mandates.setdefault(mandate.member_id, {"member": mandate.member})[mandate.kind] = (
                mandate
            )
        for member in member_selectors.member_register(on=meeting.date).order_by("name"):
            roles = mandates.get(member.pk, {})
            gaps, reached = [], False
            for kind, role in (
                (MandateKind.REPRESENTATIVE, _("representative")),
                (MandateKind.SECRETARY, _("secretary")),
            ):
                mandate = roles.get(kind)
                if mandate is not None and member_selectors.mandate_email(mandate):
                    reached = True
                elif mandate is not None:
                    gaps.append(
                        _("%(role)s %(name)s has no address") % {"role": role, "name": mandate.name}
                    )
            if not reached and not gaps:
                gaps.append(_("no representative or secretary on the register"))
            if gaps:
                unreached.append(Unreached(name=member.name, missing=", ".join(gaps)))
    staff = users_with_role(Role.SECRETARIAT, Role.SUPERVISORY_BOARD, Role.CHAIR)
    for user in staff:
        if not user.email:
            unreached.append(Unreached(name=user.get_full_name() or user.username, missing="—"))
    return InvitationReach(addresses=len(meeting_invitees(meeting)), unreached=unreached)


def invitation_reach_shown(meeting: Meeting, user) -> InvitationReach | None:
    """The reach of the invitation, for the secretariat's meeting page while the meeting's
    notices go out (convened, in session) and someone is missed."""
    if not can_manage_meetings(user) or meeting.status not in (
        MeetingStatus.CONVENED,
        MeetingStatus.IN_SESSION,
    ):
        return None
    reach = invitation_reach(meeting)
    return None if reach.complete else reach


def annex_changes(annex: Annex):
    return annex.changes.select_related("made_by").order_by("-made_at", "-pk")


def annex_change_for_download(user, meeting_pk: int, change_pk: int):
    """An earlier version of an annex's file, for those entitled to the meeting's confidential
    material (an earlier file may be the wrong one: it is never public)."""
    from meetings.models import AnnexChange

    change = get_object_or_404(
        AnnexChange.objects.select_related("annex__agenda_item__meeting"),
        pk=change_pk,
        annex__agenda_item__meeting_id=meeting_pk,
    )
    if not change.old_file or not can_see_confidential(user, change.annex.agenda_item.meeting):
        raise RuleDenied(
            _("Earlier versions of an annex are for those entitled to its meeting's files."),
            code="annex-version-not-readable",
        )
    return change


def meeting_current_item_id(meeting_pk: int) -> int | None:
    """The item under discussion of meeting `meeting_pk` (for the voting status)."""
    return Meeting.objects.filter(pk=meeting_pk).values_list("current_item_id", flat=True).first()
