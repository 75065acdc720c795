"""Reads of the proxies app: who may see which proxy, when a proxy may still be changed, and
what the voting app needs to know about proxies. Other apps import from here (and
`services`), not from the models."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet
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
from proxies.constants import ProxyStatus
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


def proxy_is_late(meeting: Meeting) -> bool:
    """The meeting has started (or the statutes' deadline before it has passed): from now on
    only the secretariat changes or revokes a proxy, with a reason."""
    return timezone.now() >= changes_close_at(meeting) or meeting.status == MeetingStatus.IN_SESSION


@dataclass(frozen=True)
class ProxyState:
    """Where a proxy is in its life, as the detail page (and an API) shows it."""

    active: bool  # the change and revoke actions are offered
    closes_at: datetime.datetime  # until then its secretary may change or revoke it
    late: bool  # past that moment (or the meeting is in session)
    may_change: bool  # whether this user may change or revoke it now (a reason may be needed)


def proxy_state(proxy: Proxy, user) -> ProxyState:
    late = proxy_is_late(proxy.meeting)
    may_change = (
        proxy.status == ProxyStatus.ACTIVE
        and proxy.meeting.status in OPEN_FOR_PROXIES
        and (is_secretariat(user) or (not late and may_file_for(user, proxy.member)))
    )
    return ProxyState(
        active=proxy.status == ProxyStatus.ACTIVE,
        closes_at=changes_close_at(proxy.meeting),
        late=late,
        may_change=may_change,
    )


def proxy_letter(proxy: Proxy) -> RenderedDocument | None:
    """The newest version of the proxy's letter."""
    return document_selectors.document_latest(kind=DocumentKind.PROXY_LETTER, source=proxy)


def holder_candidates(meeting: Meeting, member: Member) -> QuerySet[Mandate]:
    """People who commonly hold a proxy: representatives and secretaries of other members."""
    return member_selectors.mandates_of_others(member, meeting.date)


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
    can_act: bool  # the meeting accepts proxies and attendance now


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
        )
        for member in member_selectors.members_of_person(user).order_by("name")
    ]


@dataclass(frozen=True)
class OverviewRow:
    member: Member
    proxy: Proxy | None
    instructions: list
    letter: str  # "ready", "pending" or "" (none asked for)
    present: str  # who is registered as attending for the member without a proxy


def meeting_overview(meeting: Meeting) -> tuple[list[OverviewRow], dict[str, int]]:
    """Every member on the register with its proxy; and how many proxies each holder has."""
    proxies = {
        p.member_id: p
        for p in proxies_active(meeting).prefetch_related("instructions__agenda_item")
    }
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
    for member in member_selectors.member_register(on=meeting.date).order_by("name"):
        proxy = proxies.get(member.pk)
        if proxy is not None:
            counts[proxy.holder_name] = counts.get(proxy.holder_name, 0) + 1
        rows.append(
            OverviewRow(
                member=member,
                proxy=proxy,
                instructions=list(proxy.instructions.all()) if proxy else [],
                letter=letters.get(str(proxy.pk), "") if proxy else "",
                present="" if proxy else attendance.get(member.pk, ""),
            )
        )
    return rows, dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def proxy_db_tables() -> dict[str, str]:
    """The proxies' table names, for the voting app's single-query ballot check."""
    return {"proxy": Proxy._meta.db_table, "instruction": VotingInstruction._meta.db_table}
