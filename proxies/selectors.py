"""Reads of the proxies app: who may see which proxy, when a proxy may still be changed, and
what the voting app needs to know about proxies. Other apps import from here (and
`services`), not from the models."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.roles import is_secretariat
from dimpact_portal.rules import RuleDenied
from documents import selectors as document_selectors
from documents.constants import DocumentKind, DocumentStatus
from meetings import selectors as meeting_selectors
from meetings.constants import MeetingStatus
from members import selectors as member_selectors
from proxies.constants import Position, ProxyStatus, VoterVia
from proxies.models import Proxy, VotingInstruction
from statutes.selectors import association_current

if TYPE_CHECKING:
    from documents.models import RenderedDocument
    from meetings.models import AgendaItem, Meeting
    from members.models import Mandate, Member
    from statutes.models import Association

# A proxy is filed, changed and revoked while the assembly is convened or in session.
OPEN_FOR_PROXIES = (MeetingStatus.CONVENED, MeetingStatus.IN_SESSION)


def can_see_proxy(user, proxy: Proxy) -> bool:
    """The member's own secretary and representative, the holder, and the secretariat."""
    if not user.is_authenticated:
        return False
    if is_secretariat(user) or proxy.holder_user_id == user.pk:
        return True
    return member_selectors.can_see_member_records(user, proxy.member)


def proxies_visible_to(user) -> QuerySet[Proxy]:
    """The proxies `user` may see: `can_see_proxy` as one query (the API's list pages it in
    SQL instead of testing every proxy)."""
    if not user.is_authenticated:
        return Proxy.objects.none()
    if is_secretariat(user):
        return Proxy.objects.all()
    # `can_see_member_records` without the secretariat: its secretary or representative.
    own = member_selectors.members_of_person(user)
    return Proxy.objects.filter(Q(holder_user=user) | Q(member__in=own))


def proxy_for_user(user, pk: int) -> Proxy:
    proxy = get_object_or_404(
        Proxy.objects.select_related("meeting", "member", "holder_member", "filed_by"), pk=pk
    )
    if not can_see_proxy(user, proxy):
        raise RuleDenied(_("You may not see this proxy."), code="proxy-not-visible")
    return proxy


def may_file_for(user, member: Member) -> bool:
    """Only the member's own secretary (or the secretariat) files or changes its proxy."""
    return is_secretariat(user) or member_selectors.is_secretary_of(user, member)


def member_for_proxy(user, meeting: Meeting, slug: str) -> Member:
    """The member `user` files a proxy for: 404 if unknown, 403 if not its secretary."""
    member = member_selectors.member_by_slug(slug)
    if not may_file_for(user, member):
        raise RuleDenied(
            _("Only this member's secretary can file its proxy."), code="proxy-own-secretary-only"
        )
    return member


def meeting_accepts_proxies(meeting: Meeting) -> bool:
    """Whether proxies (and attendance) can be filed for `meeting` now."""
    return meeting.is_assembly and meeting.status in OPEN_FOR_PROXIES


def decision_items(meeting: Meeting) -> QuerySet[AgendaItem]:
    """The items a proxy can carry an instruction for: those put to a decision."""
    return meeting_selectors.agenda_items(meeting, for_decision=True)


def proxies_active(meeting: Meeting) -> QuerySet[Proxy]:
    return Proxy.objects.active().filter(meeting=meeting)


def proxy_active(meeting: Meeting, member: Member) -> Proxy | None:
    return proxies_active(meeting).filter(member=member).first()


def proxies_held(meeting: Meeting, email: str) -> QuerySet[Proxy]:
    return proxies_active(meeting).filter(holder_email__iexact=email)


def proxies_held_by_user(meeting: Meeting, user) -> QuerySet[Proxy]:
    """The active proxies of `meeting` whose holder's account is `user`."""
    return proxies_active(meeting).filter(holder_user=user).select_related("member")


def holds_proxy_for(user, meeting: Meeting) -> bool:
    """Whether `user` holds an active proxy for `meeting`."""
    return user.is_authenticated and proxies_active(meeting).filter(holder_user=user).exists()


def meetings_with_proxy_held(user, meeting_ids) -> set[int]:
    """Of `meeting_ids`, the meetings `user` holds an active proxy for (`holds_proxy_for` for
    many meetings in one query)."""
    if not user.is_authenticated:
        return set()
    held = Proxy.objects.active().filter(meeting_id__in=meeting_ids, holder_user=user)
    return set(held.values_list("meeting_id", flat=True))


def proxy_holders(meeting: Meeting, member_ids) -> dict[int, str]:
    """Member pk → the holder's name, for the members of `member_ids` with an active proxy."""
    return {
        p.member_id: p.holder_name for p in proxies_active(meeting).filter(member_id__in=member_ids)
    }


def proxied_member_ids(meeting: Meeting) -> set[int]:
    return set(proxies_active(meeting).values_list("member_id", flat=True))


def instructions_for_item(
    proxies: list[Proxy], agenda_item_id: int
) -> dict[int, VotingInstruction]:
    """Proxy pk → its instruction on the agenda item, for `proxies`."""
    return {
        instruction.proxy_id: instruction
        for instruction in VotingInstruction.objects.filter(
            proxy__in=proxies, agenda_item_id=agenda_item_id
        )
    }


def meeting_start(meeting: Meeting) -> datetime.datetime:
    time = meeting.start_time or datetime.time(0, 0)
    return datetime.datetime.combine(meeting.date, time, tzinfo=ZoneInfo(settings.TIME_ZONE))


def changes_close_at(meeting: Meeting, association: Association | None = None) -> datetime.datetime:
    """Until this moment a member's secretary may change or revoke its proxy (a setting)."""
    association = association or association_current()
    return meeting_start(meeting) - datetime.timedelta(
        minutes=association.proxy_change_minutes_before_start
    )


def proxy_is_late(meeting: Meeting, association: Association | None = None) -> bool:
    """The meeting has started (`meetings.selectors.meeting_has_started`, with the statutes'
    deadline before the start): from now on only the secretariat files, changes or revokes a
    proxy, with a reason."""
    minutes = (association or association_current()).proxy_change_minutes_before_start
    at = timezone.now() + datetime.timedelta(minutes=minutes)
    return meeting_selectors.meeting_has_started(meeting, at=at)


def proxy_may_file(user, meeting: Meeting, member: Member) -> bool:
    """Whether `user` may file a proxy for `member` now: its secretary until the meeting
    starts, the secretariat (with a reason) until it closes; never twice."""
    if not meeting_accepts_proxies(meeting) or not may_file_for(user, member):
        return False
    if proxy_active(meeting, member) is not None:
        return False
    return is_secretariat(user) or not proxy_is_late(meeting)


# Who votes for a member: the one definition. The ballot's single-query check
# (`voting.services.ballots`), the voter's page, the chair's "who is there", the attendance
# list, the API and the bench all come here (tests/voting/test_who_votes.py runs every case
# through this and through the SQL check).


def voter_via(
    *, on_register: bool, represents: bool, holds_proxy: bool, member_has_proxy: bool
) -> str | None:
    """How a person votes for a member, from four facts; None: not at all.

    While the member has an active proxy for the meeting only its holder votes (the executive
    authorised the holder; the representative's voice would undo that decision); without one,
    the representative votes.
    """
    if not on_register:
        return None
    if member_has_proxy:
        return VoterVia.PROXY if holds_proxy else None
    return VoterVia.REPRESENTATIVE if represents else None


@dataclass(frozen=True)
class Voter:
    """Who casts `member`'s ballot at a meeting, and how."""

    member: Member
    via: str  # a `VoterVia`
    name: str  # the holder or the representative, as the pages show it
    user_id: int | None
    proxy: Proxy | None


def voters_of_meeting(meeting: Meeting, *, members=None) -> dict[int, Voter]:
    """Member pk → who votes for it, for every member on the register on the meeting's date
    that has a voter (a member without representative or proxy is left out); only for the
    member pks `members` where given."""
    proxies = {p.member_id: p for p in proxies_active(meeting)}
    # The members alone: their mandates are read below, the representatives' only.
    register = member_selectors.member_register(on=meeting.date).prefetch_related(None)
    if members is not None:
        register = register.filter(pk__in=list(members))
    representatives = member_selectors.representatives_of(register, timezone.localdate())
    result: dict[int, Voter] = {}
    for member in register:
        proxy = proxies.get(member.pk)
        mandate = representatives.get(member.pk)
        if proxy is not None:
            result[member.pk] = Voter(
                member, VoterVia.PROXY, proxy.holder_name, proxy.holder_user_id, proxy
            )
        elif mandate is not None:
            result[member.pk] = Voter(
                member, VoterVia.REPRESENTATIVE, mandate.display_name, mandate.user_id, None
            )
    return result


def voter_for(member: Member, meeting: Meeting) -> Voter | None:
    """Who votes for `member` at `meeting` (None: nobody can)."""
    if not member_selectors.member_register(on=meeting.date).filter(pk=member.pk).exists():
        return None
    proxy = proxy_active(meeting, member)
    if proxy is not None:
        return Voter(member, VoterVia.PROXY, proxy.holder_name, proxy.holder_user_id, proxy)
    mandate = member_selectors.representative_on(member, timezone.localdate())
    if mandate is None:
        return None
    return Voter(member, VoterVia.REPRESENTATIVE, mandate.display_name, mandate.user_id, None)


def seats_of_user(user, meeting: Meeting) -> list[Voter]:
    """The members `user` votes for at `meeting` (as representative, or by proxy), by name."""
    if not user.is_authenticated:
        return []
    represented = {m.pk: m for m in member_selectors.members_of_representative(user)}
    # The proxies that concern this user: those it holds, and those of the members it
    # represents (not every proxy of the meeting).
    proxies = {
        p.member_id: p
        for p in proxies_active(meeting)
        .filter(Q(holder_user=user) | Q(member_id__in=list(represented)))
        .select_related("member")
    }
    candidates = set(represented) | {
        p.member_id for p in proxies.values() if p.holder_user_id == user.pk
    }
    on_register = set(
        member_selectors.member_register(on=meeting.date)
        .filter(pk__in=candidates)
        .values_list("pk", flat=True)
    )
    seats = []
    for pk in candidates:
        proxy = proxies.get(pk)
        via = voter_via(
            on_register=pk in on_register,
            represents=pk in represented,
            holds_proxy=proxy is not None and proxy.holder_user_id == user.pk,
            member_has_proxy=proxy is not None,
        )
        if via is None:
            continue
        member = proxy.member if proxy is not None else represented[pk]
        seats.append(Voter(member, via, user.get_full_name(), user.pk, proxy))
    return sorted(seats, key=lambda seat: seat.member.name)


def represented_by_proxy(user, meeting: Meeting) -> list[Proxy]:
    """The active proxies of the members `user` represents: the holder votes for them
    ("Deventer wordt vertegenwoordigd door Karin Cornelissen (volmacht)")."""
    if not user.is_authenticated:
        return []
    members = member_selectors.members_of_representative(user)
    return list(
        proxies_active(meeting)
        .filter(member__in=members)
        .select_related("member")
        .order_by("member__name")
    )


@dataclass(frozen=True)
class ProxyState:
    """Where a proxy is in its life, as the detail page (and an API) shows it."""

    active: bool  # the change and revoke actions are offered
    closes_at: datetime.datetime  # until then its secretary may change or revoke it
    late: bool  # past that moment (or the meeting is in session)
    may_change: bool  # whether this user may change or revoke it now (a reason may be needed)


def proxy_state(proxy: Proxy, user) -> ProxyState:
    association = association_current()  # once for both deadlines
    late = proxy_is_late(proxy.meeting, association)
    may_change = (
        proxy.status == ProxyStatus.ACTIVE
        and proxy.meeting.status in OPEN_FOR_PROXIES
        and (is_secretariat(user) or (not late and may_file_for(user, proxy.member)))
    )
    return ProxyState(
        active=proxy.status == ProxyStatus.ACTIVE,
        closes_at=changes_close_at(proxy.meeting, association),
        late=late,
        may_change=may_change,
    )


def proxy_letter(proxy: Proxy) -> RenderedDocument | None:
    """The newest version of the proxy's letter."""
    return document_selectors.document_latest(kind=DocumentKind.PROXY_LETTER, source=proxy)


def proxy_letters(proxies) -> dict[int, RenderedDocument]:
    """Proxy pk → the newest version of its letter (`proxy_letter` for many proxies in one
    query); proxies without a letter are left out."""
    latest = document_selectors.documents_latest(kind=DocumentKind.PROXY_LETTER, sources=proxies)
    return {proxy.pk: latest[str(proxy.pk)] for proxy in proxies if str(proxy.pk) in latest}


def holder_candidates(meeting: Meeting, member: Member) -> QuerySet[Mandate]:
    """People who commonly hold a proxy: representatives and secretaries of other members,
    only those with an e-mail address (the holder's invitation and log-in need one)."""
    # `members.selectors.mandate_email` in SQL (the register's address, else the account's):
    # hundreds of people, filtered in the query instead of loaded to be tested one by one
    # (tests/proxies/test_forms.py holds the two to the same answer).
    email = Coalesce(NullIf("email", Value("")), NullIf("user__email", Value("")))
    return (
        member_selectors.mandates_of_others(member, meeting.date)
        .alias(candidate_email=email)
        .filter(candidate_email__isnull=False)
    )


def representative_of(member: Member, on: datetime.date) -> Mandate | None:
    return member_selectors.representative_on(member, on)


def member_phrase(member: Member) -> str:
    """How the proxy letter names a member in a sentence ("de gemeente Deventer")."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("the municipality %(name)s") % {"name": member.name}


@dataclass(frozen=True)
class PanelRow:
    member: Member
    proxy: Proxy | None
    present: object  # the member's attendance row marked present, if any
    is_secretary: bool
    can_act: bool  # the meeting accepts attendance now
    can_file: bool  # this user may file the member's proxy now (`proxy_may_file`)


def meeting_panel_rows(meeting: Meeting, user) -> list[PanelRow]:
    """Per member of `user` (secretary or representative): its proxy, or what it can do."""
    open_now = meeting.status in OPEN_FOR_PROXIES
    return [
        PanelRow(
            member=member,
            proxy=proxy_active(meeting, member),
            present=meeting_selectors.attendance_row(meeting, member, present=True),
            is_secretary=member_selectors.is_secretary_of(user, member),
            can_act=open_now,
            can_file=proxy_may_file(user, meeting, member),
        )
        for member in member_selectors.members_of_person(user).order_by("name")
    ]


@dataclass(frozen=True)
class OverviewInstruction:
    """A proxy's instruction on one item, as the overview and its CSV show it."""

    agenda_item_id: int
    item_position: int  # the agenda item's number
    position: str  # a `Position`
    label: str  # `get_position_display()`


@dataclass(frozen=True)
class OverviewRow:
    member: Any  # the register's pk and name of the member (a named row)
    proxy: Proxy | None
    instructions: list[OverviewInstruction]
    letter: str  # "ready", "pending" or "" (none asked for)
    present: str  # who is registered as attending for the member without a proxy


OVERVIEW_PROXY_FIELDS = (
    "pk", "meeting_id", "member_id", "holder_name", "holder_function", "holder_organisation",
    "signatory_name", "decision_reference", "scan",
)  # fmt: skip


def meeting_overview(meeting: Meeting) -> tuple[list[OverviewRow], dict[str, int]]:
    """Every member on the register with its proxy; and how many proxies each holder has."""
    # A register of hundreds of members: only the columns the overview and its CSV show, the
    # instructions and the register as plain values (a model instance per instruction and per
    # member cost most of the page), each in one query.
    active = proxies_active(meeting)
    proxies = {p.member_id: p for p in active.order_by().only(*OVERVIEW_PROXY_FIELDS)}
    labels = dict(Position.choices)  # `get_position_display`, looked up once
    instructions: dict[int, list[OverviewInstruction]] = {}
    for proxy_id, item_id, item_position, position in (
        VotingInstruction.objects.filter(proxy__in=active)
        .order_by("agenda_item__position", "pk")
        .values_list("proxy_id", "agenda_item_id", "agenda_item__position", "position")
    ):
        instructions.setdefault(proxy_id, []).append(
            OverviewInstruction(item_id, item_position, position, labels.get(position, position))
        )
    attendance = meeting_selectors.attendance_present(meeting)
    statuses = document_selectors.document_statuses_latest(
        kind=DocumentKind.PROXY_LETTER, sources=proxies.values()
    )
    letters = {
        source_id: "ready" if status == DocumentStatus.READY else "pending"
        for source_id, status in statuses.items()
    }
    rows = []
    counts: dict[str, int] = {}
    register = (
        member_selectors.member_register(on=meeting.date)
        .prefetch_related(None)
        .order_by("name")
        .values_list("pk", "name", named=True)
    )
    for member in register:
        proxy = proxies.get(member.pk)
        if proxy is not None:
            counts[proxy.holder_name] = counts.get(proxy.holder_name, 0) + 1
        rows.append(
            OverviewRow(
                member=member,
                proxy=proxy,
                instructions=instructions.get(proxy.pk, []) if proxy else [],
                letter=letters.get(str(proxy.pk), "") if proxy else "",
                present="" if proxy else attendance.get(member.pk, ""),
            )
        )
    return rows, dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def proxy_db_tables() -> dict[str, str]:
    """The proxies' table names, for the voting app's single-query ballot check."""
    return {"proxy": Proxy._meta.db_table, "instruction": VotingInstruction._meta.db_table}
