"""Reads of the proxies app, and who may see which proxy."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.roles import is_secretariat
from meetings.constants import ItemPurpose
from meetings.models import AgendaItem, Meeting
from members.constants import MandateKind
from members.models import Mandate, Member
from members.selectors import is_secretary_of, member_register
from proxies.models import Proxy
from statutes.models import Association
from statutes.selectors import association_current


def can_see_proxy(user, proxy: Proxy) -> bool:
    """The member's own secretary and representative, the holder, and the secretariat."""
    if not user.is_authenticated:
        return False
    if is_secretariat(user) or proxy.holder_user_id == user.pk:
        return True
    return Mandate.objects.current().filter(member=proxy.member, user=user).exists()


def proxy_for_user(user, pk: int) -> Proxy:
    proxy = get_object_or_404(
        Proxy.objects.select_related("meeting", "member", "holder_member", "filed_by"), pk=pk
    )
    if not can_see_proxy(user, proxy):
        raise PermissionDenied(_("You may not see this proxy."))
    return proxy


def member_for_proxy(user, meeting: Meeting, slug: str) -> Member:
    """The member `user` files a proxy for: 404 if unknown, 403 if not its secretary."""
    member = get_object_or_404(Member, slug=slug)
    if not (is_secretariat(user) or is_secretary_of(user, member)):
        raise PermissionDenied(_("Only this member's secretary can file its proxy."))
    return member


def decision_items(meeting: Meeting) -> QuerySet[AgendaItem]:
    """The items a proxy can carry an instruction for: those put to a decision."""
    return meeting.items.filter(purpose=ItemPurpose.DECISION).order_by("position")


def proxy_active(meeting: Meeting, member: Member) -> Proxy | None:
    return Proxy.objects.active().filter(meeting=meeting, member=member).first()


def proxies_held(meeting: Meeting, email: str) -> QuerySet[Proxy]:
    return Proxy.objects.active().filter(meeting=meeting, holder_email__iexact=email)


def meeting_start(meeting: Meeting) -> datetime.datetime:
    time = meeting.start_time or datetime.time(0, 0)
    return datetime.datetime.combine(meeting.date, time, tzinfo=ZoneInfo(settings.TIME_ZONE))


def changes_close_at(meeting: Meeting, association: Association | None = None) -> datetime.datetime:
    """Until this moment a member's secretary may change or revoke its proxy (a setting)."""
    association = association or association_current()
    return meeting_start(meeting) - datetime.timedelta(
        minutes=association.proxy_change_minutes_before_start
    )


def holder_candidates(meeting: Meeting, member: Member) -> list[Mandate]:
    """People who commonly hold a proxy: representatives and secretaries of other members."""
    others = member_register(on=meeting.date).exclude(pk=member.pk)
    return list(
        Mandate.objects.current(meeting.date)
        .filter(member__in=others)
        .select_related("member", "user")
        .order_by("member__name", "kind")
    )


def representative_of(member: Member, on: datetime.date) -> Mandate | None:
    return (
        Mandate.objects.current(on)
        .filter(member=member, kind=MandateKind.REPRESENTATIVE)
        .select_related("user")
        .first()
    )


@dataclass(frozen=True)
class OverviewRow:
    member: Member
    proxy: Proxy | None
    instructions: list
    letter: str  # "ready", "pending" or "" (none asked for)
    present: str  # who is registered as attending for the member without a proxy


def meeting_overview(meeting: Meeting) -> tuple[list[OverviewRow], dict[str, int]]:
    """Every member on the register with its proxy; and how many proxies each holder has."""
    from documents.constants import DocumentKind, DocumentStatus
    from documents.models import RenderedDocument

    proxies = {
        p.member_id: p
        for p in Proxy.objects.active()
        .filter(meeting=meeting)
        .prefetch_related("instructions__agenda_item")
    }
    attendance = {
        row.member_id: row.person
        for row in meeting.attendance.filter(present=True).exclude(member=None)
    }
    letters: dict[str, str] = {}
    for source_id, status in (
        RenderedDocument.objects.filter(
            kind=DocumentKind.PROXY_LETTER, source_id__in=[str(p.pk) for p in proxies.values()]
        )
        .order_by("version")
        .values_list("source_id", "status")
    ):
        letters[source_id] = "ready" if status == DocumentStatus.READY else "pending"
    rows = []
    counts: dict[str, int] = {}
    for member in member_register(on=meeting.date).order_by("name"):
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
