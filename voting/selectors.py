"""Reads of the voting app: who may vote for which member, presence and quorum, live counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.roles import role_names
from meetings.models import Meeting
from meetings.selectors import can_see_meeting
from members.constants import MandateKind
from members.models import Mandate, Member
from members.selectors import member_register
from proxies.models import Proxy
from voting import status
from voting.constants import Choice, PollStatus, Via
from voting.models import Ballot, Poll, SecretTally


def can_run_meeting(user) -> bool:
    return bool(role_names(user) & {Role.CHAIR, Role.SECRETARIAT})


def meeting_for_chair(user, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting, pk=pk)
    if not can_run_meeting(user):
        raise PermissionDenied(_("Only the chair and the secretariat run the meeting."))
    return meeting


def poll_for_user(user, pk: int) -> Poll:
    poll = get_object_or_404(Poll.objects.select_related("meeting", "agenda_item"), pk=pk)
    if not can_see_meeting(user, poll.meeting):
        raise PermissionDenied(_("You may not see this meeting."))
    return poll


@dataclass(frozen=True)
class Seat:
    """A member `user` may cast the ballot of, and how."""

    member: Member
    via: str
    proxy: Proxy | None


def seats(user, meeting: Meeting) -> list[Seat]:
    """The members `user` may vote for at `meeting`: as representative, and by proxy."""
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    on_register = member_register(on=meeting.date).values("pk")
    represented = Mandate.objects.current(today).filter(
        user=user, kind=MandateKind.REPRESENTATIVE, member__in=on_register
    )
    result = [
        Seat(m.member, Via.REPRESENTATIVE, None) for m in represented.select_related("member")
    ]
    proxies = (
        Proxy.objects.active().filter(meeting=meeting, holder_user=user).select_related("member")
    )
    result += [Seat(p.member, Via.PROXY, p) for p in proxies]
    return sorted(result, key=lambda seat: seat.member.name)


def seat_for(user, meeting: Meeting, member_id: int) -> Seat:
    """How `user` may vote for member `member_id`; PermissionDenied when it may not."""
    today = timezone.localdate()
    mandate = (
        Mandate.objects.current(today)
        .filter(user=user, kind=MandateKind.REPRESENTATIVE, member_id=member_id)
        .select_related("member")
        .first()
    )
    if mandate is not None and mandate.member.is_on_register(meeting.date):
        return Seat(mandate.member, Via.REPRESENTATIVE, None)
    proxy = (
        Proxy.objects.active()
        .filter(meeting=meeting, holder_user=user, member_id=member_id)
        .select_related("member")
        .first()
    )
    if proxy is not None:
        return Seat(proxy.member, Via.PROXY, proxy)
    raise PermissionDenied(_("You may not vote for this member."))


def present_members(meeting: Meeting) -> set[int]:
    """Members present or represented: registered present, with a proxy, or that voted."""
    present = set(
        meeting.attendance.filter(present=True)
        .exclude(member=None)
        .values_list("member_id", flat=True)
    )
    present |= set(
        Proxy.objects.active().filter(meeting=meeting).values_list("member_id", flat=True)
    )
    present |= set(Ballot.objects.filter(poll__meeting=meeting).values_list("member_id", flat=True))
    on_register = set(member_register(on=meeting.date).values_list("pk", flat=True))
    return present & on_register


@dataclass(frozen=True)
class Quorum:
    register: int
    present: int
    percent: int

    @property
    def needed(self) -> int:
        return -(-self.register * self.percent // 100)  # rounded up

    @property
    def met(self) -> bool:
        return self.present >= self.needed


def quorum(meeting: Meeting, percent: int) -> Quorum:
    return Quorum(
        register=member_register(on=meeting.date).count(),
        present=len(present_members(meeting)),
        percent=percent,
    )


def counts(poll: Poll) -> dict:
    """Weights per option: from the ballots (named) or the tallies (secret)."""
    result = {"for": 0, "against": 0, "abstain": 0, "candidates": {}}
    if poll.secret:
        rows = SecretTally.objects.filter(poll=poll).values_list(
            "choice", "candidate__name", "total"
        )
    else:
        rows = (
            Ballot.objects.filter(poll=poll)
            .values_list("choice", "candidate__name")
            .annotate(total=Sum("weight"))
        )
    for choice, candidate, total in rows:
        if choice == Choice.CANDIDATE:
            result["candidates"][candidate] = result["candidates"].get(candidate, 0) + total
        else:
            result[choice] += total
    return result


def turnout(poll: Poll) -> int:
    return Ballot.objects.filter(poll=poll).count()


def open_polls(meeting: Meeting):
    return meeting.polls.filter(status=PollStatus.OPEN).prefetch_related("candidates")


def cast_members(poll: Poll, member_ids: list[int]) -> dict[int, Ballot]:
    return {
        b.member_id: b
        for b in Ballot.objects.filter(poll=poll, member_id__in=member_ids).select_related(
            "cast_by"
        )
    }


def version_key(meeting_pk: int) -> str:
    return status.version_key(meeting_pk)


def voting_version(meeting_pk: int) -> int:
    """Changes when a poll of the meeting opens or closes: voters' pages reload their ballots."""
    return status.voting_version(meeting_pk)


def polls_of(meeting: Meeting):
    return meeting.polls.select_related("agenda_item", "decision").prefetch_related("candidates")


def rule_text(poll: Poll) -> str:
    if poll.majority_numerator == poll.majority_denominator:
        majority = _("unanimity of the votes cast")
    elif (poll.majority_numerator, poll.majority_denominator, poll.majority_strict) == (1, 2, True):
        majority = _("a simple majority of the votes cast")
    else:
        fraction = f"{poll.majority_numerator}/{poll.majority_denominator}"
        majority = (
            _("more than %(fraction)s of the votes cast")
            if poll.majority_strict
            else _("at least %(fraction)s of the votes cast")
        ) % {"fraction": fraction}
    if poll.quorum_percent:
        return _("%(majority)s; quorum: %(percent)s%% of the members present or represented") % {
            "majority": majority,
            "percent": poll.quorum_percent,
        }
    return _("%(majority)s; no quorum") % {"majority": majority}


def recent_resolutions():
    from voting.models import WrittenResolution

    return WrittenResolution.objects.order_by("-pk")


def presence(meeting: Meeting) -> list[tuple[str, str]]:
    """Who is there for each member present or represented: (member, how)."""
    present = present_members(meeting)
    rows = {
        row.member_id: row.person
        for row in meeting.attendance.filter(present=True, member_id__in=present)
    }
    proxies = {
        p.member_id: p.holder_name
        for p in Proxy.objects.active().filter(meeting=meeting, member_id__in=present)
    }
    names = dict(Member.objects.filter(pk__in=present).values_list("pk", "name"))
    result = []
    for pk in sorted(present, key=lambda pk: names.get(pk, "")):
        if pk in proxies:
            how = _("by proxy: %(holder)s") % {"holder": proxies[pk]}
        else:
            how = rows.get(pk) or _("voted online")
        result.append((names.get(pk, ""), how))
    return result
