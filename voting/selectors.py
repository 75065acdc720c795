"""Reads of the voting app: who may vote for which member, presence and quorum, live counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.roles import role_names
from dimpact_portal.rules import RuleDenied
from meetings.constants import MeetingStatus
from meetings.selectors import attendance_present, can_see_meeting, meeting_get_or_404
from members.selectors import member_register
from proxies import selectors as proxy_selectors
from voting import status
from voting.constants import Choice, PollStatus
from voting.models import Ballot, Poll, PollTeller, WrittenResolution
from voting.outcome import Quorum

if TYPE_CHECKING:
    from meetings.models import Meeting
    from members.models import Member
    from proxies.models import Proxy

__all__ = ["Quorum"]  # re-exported: the quorum is computed in `voting.outcome`


def can_run_meeting(user) -> bool:
    return bool(role_names(user) & {Role.CHAIR, Role.SECRETARIAT})


def meeting_for_chair(user, pk: int) -> Meeting:
    meeting = meeting_get_or_404(pk)
    if not can_run_meeting(user):
        raise RuleDenied(
            _("Only the chair and the secretariat run the meeting."), code="poll-chair-only"
        )
    return meeting


def can_see_voting(user, meeting: Meeting) -> bool:
    """Those who see the meeting, and the holder of a proxy for it (who may be no member's
    person: the executive can authorise anyone to vote for the municipality)."""
    return can_see_meeting(user, meeting) or proxy_selectors.holds_proxy_for(user, meeting)


def meetings_voting_visible(user, meetings) -> set[int]:
    """Of `meetings`, those whose voting `user` sees (`can_see_voting` for a list: one query
    for the proxies held, however many meetings)."""
    meetings = list(meetings)
    seen = {meeting.pk for meeting in meetings if can_see_meeting(user, meeting)}
    others = [meeting.pk for meeting in meetings if meeting.pk not in seen]
    return seen | (proxy_selectors.meetings_with_proxy_held(user, others) if others else set())


def meeting_for_voter(user, pk: int) -> Meeting:
    """The meeting `pk` for the voting pages: 404 if unknown, 403 for who may not see them."""
    meeting = meeting_get_or_404(pk)
    if not can_see_voting(user, meeting):
        raise RuleDenied(_("You may not see this meeting."), code="poll-meeting-not-visible")
    return meeting


def poll_for_user(user, pk: int) -> Poll:
    poll = get_object_or_404(Poll.objects.select_related("meeting", "agenda_item"), pk=pk)
    if not can_see_voting(user, poll.meeting):
        raise RuleDenied(_("You may not see this meeting."), code="poll-meeting-not-visible")
    return poll


@dataclass(frozen=True)
class Seat:
    """A member `user` may cast the ballot of, and how."""

    member: Member
    via: str
    proxy: Proxy | None


def seats(user, meeting: Meeting) -> list[Seat]:
    """The members `user` votes for at `meeting`: as representative (unless the member has an
    active proxy: then only its holder votes), and by proxy. The rule is
    `proxies.selectors.voter_via`, the one definition of who votes for a member."""
    return [
        Seat(voter.member, voter.via, voter.proxy)
        for voter in proxy_selectors.seats_of_user(user, meeting)
    ]


def voter_for(member: Member, meeting: Meeting) -> proxy_selectors.Voter | None:
    """Who votes for `member` at `meeting`: the holder of its active proxy, else its
    representative (see `proxies.selectors.voter_via`)."""
    return proxy_selectors.voter_for(member, meeting)


def represented_by_proxy(user, meeting: Meeting) -> list[Proxy]:
    """The members `user` represents whose proxy holder votes for them instead."""
    return proxy_selectors.represented_by_proxy(user, meeting)


@dataclass(frozen=True)
class Presence:
    """Who is there at a meeting now, read once for a page's quorum and its list of who is
    there: the register on the meeting's date, the members present or represented (registered
    present, with a proxy, or that voted), the attendance list's people and the holders."""

    register: dict[int, str]  # member pk → name
    members: set[int]  # present or represented, on the register
    attending: dict[int, str]  # member pk → the person registered present
    holders: dict[int, str]  # member pk → the holder of its active proxy


def presence_now(meeting: Meeting) -> Presence:
    """Four queries however many members: the attendance list's present rows, the active
    proxies' holders, the members that voted and the register's names."""
    attending = attendance_present(meeting)
    holders = dict(
        proxy_selectors.proxies_active(meeting).order_by().values_list("member_id", "holder_name")
    )
    voted = (
        Ballot.objects.filter(poll__meeting=meeting)
        .order_by()
        .values_list("member_id", flat=True)
        .distinct()
    )
    register = dict(
        member_register(on=meeting.date).prefetch_related(None).values_list("pk", "name")
    )
    members = (set(attending) | set(holders) | set(voted)) & set(register)
    return Presence(register=register, members=members, attending=attending, holders=holders)


def present_members(meeting: Meeting) -> set[int]:
    """Members present or represented: registered present, with a proxy, or that voted."""
    return presence_now(meeting).members


def quorum(
    meeting: Meeting,
    percent: int,
    *,
    present: set[int] | None = None,
    now: Presence | None = None,
) -> Quorum:
    """Pass `present` (`present_members`) or `now` (`presence_now`) where the page has read
    it already."""
    if now is not None:
        return Quorum(register=len(now.register), present=len(now.members), percent=percent)
    return Quorum(
        register=member_register(on=meeting.date).count(),
        present=len(present_members(meeting) if present is None else present),
        percent=percent,
    )


def counts(poll: Poll) -> dict:
    """Weights per option. A named poll's come from its ballots; a secret poll's exist only
    once k of its tellers have decrypted the tally (until then: empty)."""
    if poll.secret:
        return dict(poll.counts) if poll.outcome else {}
    result = {"for": 0, "against": 0, "abstain": 0, "candidates": {}}
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
    return Poll.objects.filter(meeting=meeting, status=PollStatus.OPEN).prefetch_related(
        "candidates"
    )


def closed_polls(meeting: Meeting):
    """The meeting's closed polls in the order they closed (the minutes' annex)."""
    return Poll.objects.filter(meeting=meeting, status=PollStatus.CLOSED).order_by("closed_at")


def tally_visible(poll: Poll) -> bool:
    """A named poll's tally shows while it is open; a secret poll's only once it has closed."""
    return not poll.secret or poll.status == PollStatus.CLOSED


def tally_shown(poll: Poll) -> dict | None:
    """The tally the live view shows: the stored result once closed, the running count of a
    named poll while open; None while a secret poll is open or waits for its tellers."""
    if not tally_visible(poll) or (poll.secret and not result_available(poll)):
        return None
    return poll.counts if poll.status == PollStatus.CLOSED else counts(poll)


def result_available(poll: Poll) -> bool:
    """The result (CSV, PDF) is there once the poll has closed, and for a secret poll once k
    of its tellers have confirmed the close."""
    return poll.status == PollStatus.CLOSED and bool(poll.outcome)


def can_be_teller(user) -> bool:
    """The chair, the secretariat and the members' current secretaries and representatives
    may hold a teller key (the chair picks a secret poll's tellers among them)."""
    return can_run_meeting(user) or can_see_resolutions(user)


def teller_candidates():
    """The people who hold a teller key: whom the chair may choose as a poll's tellers."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(teller_key__isnull=False)
        .order_by("last_name", "first_name", "username")
    )


@dataclass(frozen=True)
class TellersWaiting:
    """A closed secret poll whose result waits: who has confirmed, who not, how many needed."""

    needed: int
    confirmed: list[str]
    missing: list[str]

    @property
    def still_needed(self) -> int:
        return max(self.needed - len(self.confirmed), 0)


def tellers_waiting(poll: Poll) -> TellersWaiting | None:
    """None unless `poll` is a closed secret poll still waiting for its tellers."""
    if not (poll.secret and poll.status == PollStatus.CLOSED and not poll.outcome):
        return None
    tellers = list(poll.tellers.select_related("user"))

    def name(teller):
        return teller.user.get_full_name() or teller.user.get_username()

    return TellersWaiting(
        needed=poll.tellers_needed,
        confirmed=[name(t) for t in tellers if t.confirmed_at],
        missing=[name(t) for t in tellers if not t.confirmed_at],
    )


def teller_of(poll: Poll, user) -> PollTeller | None:
    if not user.is_authenticated:
        return None
    return poll.tellers.filter(user=user).first()


def poll_published(poll: Poll) -> dict | None:
    """What a closed secret poll publishes for the recount (`scripts/recount.py`): the group,
    the public key, the tellers' verification keys, every ballot's tracker and ciphertexts
    (ordered by tracker: no member and no time), the product, the partial decryptions with
    their proofs and the totals. None for a named poll or before the close."""
    from voting import crypto

    if not poll.secret or poll.status != PollStatus.CLOSED:
        return None
    ballots = sorted(
        Ballot.objects.filter(poll=poll).values("tracker", "ciphertext", "weight"),
        key=lambda b: b["tracker"],
    )
    return {
        "format": "dimpact-secret-poll/1",
        "poll": poll.pk,
        "question": poll.question,
        "group": {
            "name": crypto.GROUP,
            "p": crypto.to_hex(crypto.P),
            "q": crypto.to_hex(crypto.Q),
            "g": crypto.to_hex(crypto.G),
        },
        "public_key": poll.public_key,
        "options": poll.options,
        "tellers_needed": poll.tellers_needed,
        "tellers": [
            {"position": t.position, "verification_key": t.verification_key, "partial": t.partial}
            for t in poll.tellers.order_by("position")
        ],
        "ballots": ballots,
        "ballot_count": len(ballots),
        "product": poll.tally.get("product", []),
        "totals": poll.counts if poll.outcome else None,
    }


def tracker_published(poll: Poll, tracker: str) -> bool:
    """Whether `tracker` is on the closed secret poll's published list."""
    code = tracker.strip().upper().replace(" ", "")
    if len(code) == 16:
        code = "-".join(code[i : i + 4] for i in range(0, 16, 4))
    return (
        poll.secret
        and poll.status == PollStatus.CLOSED
        and Ballot.objects.filter(poll=poll, tracker=code).exists()
    )


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


# What a list of polls does not show: a closed poll's snapshot of who was entitled (a line per
# member), and a secret poll's key and encrypted tally. Reading and decoding them was most of
# the cost of a list at ten times the members.
POLL_LIST_DEFERRED = ("entitled", "tally", "public_key", "options")


def polls_of(meeting: Meeting):
    return (
        Poll.objects.filter(meeting=meeting)
        .select_related("agenda_item", "decision")
        .prefetch_related("candidates")
        .defer(*POLL_LIST_DEFERRED)
    )


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
    return WrittenResolution.objects.order_by("-pk")


def presence(meeting: Meeting, *, now: Presence | None = None) -> list[tuple[str, str]]:
    """Who is there for each member present or represented, by name: (member, how).

    A member with an active proxy is voted for by its holder, and only by it
    (`proxies.selectors.voter_via`): the holder's name is all this list needs of who votes,
    not every member's mandates. Pass `now` (`presence_now`) where the page has read it.
    """
    now = now or presence_now(meeting)
    names = now.register
    by_proxy, online = _("by proxy: %(holder)s"), _("voted online")
    result = []
    for pk in sorted(now.members, key=names.__getitem__):
        holder = now.holders.get(pk)
        if holder is not None:
            how = by_proxy % {"holder": holder}
        else:
            how = now.attending.get(pk) or online
        result.append((names[pk], how))
    return result


@dataclass(frozen=True)
class PollActions:
    """What the chair's page offers for a poll now (the template asks this, not the status)."""

    open: bool
    close: bool
    result: bool
    rule: str  # the poll's rule, shown before it opens
    quorum: Quorum  # present or represented against the poll's quorum, now or at the close
    instructions_apply: bool  # proxy instructions bind on this poll (it is about an item)


def poll_actions(
    poll: Poll, user, *, quorum_now: Quorum | None = None, any_open: bool | None = None
) -> PollActions:
    """The chair's buttons for `poll` (pass `quorum_now`, the meeting's, and `any_open`,
    whether one of its polls is open, when the page has read them already)."""
    run = can_run_meeting(user)
    now = quorum_now or quorum(poll.meeting, 0)
    present = poll.present_count if poll.status == PollStatus.CLOSED else now.present
    may_open = (
        run
        and poll.status == PollStatus.DRAFT
        and poll.meeting.status == MeetingStatus.IN_SESSION
        and not (open_polls(poll.meeting).exists() if any_open is None else any_open)
    )
    return PollActions(
        open=may_open,
        close=run and poll.status == PollStatus.OPEN,
        result=poll.status == PollStatus.CLOSED,
        rule=rule_text(poll),
        quorum=Quorum(now.register, present or 0, poll.quorum_percent),
        instructions_apply=poll.agenda_item_id is not None,
    )


def home_panels(user) -> list:
    """ "Stemming open" on the home page of a person who votes while a poll of a meeting is
    open (a `settings.HOME_PANELS` provider)."""
    from django.urls import reverse

    from accounts.selectors import Panel

    if not user.is_authenticated:
        return []
    panels = _teller_panels(user)
    polls = (
        Poll.objects.filter(status=PollStatus.OPEN)
        .select_related("meeting")
        .only("question", "meeting")
    )
    seats_of_meeting = {}  # one meeting's polls: its seats read once
    for poll in polls:
        if poll.meeting_id not in seats_of_meeting:
            seats_of_meeting[poll.meeting_id] = seats(user, poll.meeting)
        seats_now = seats_of_meeting[poll.meeting_id]
        if not seats_now:
            continue
        panels.append(
            Panel(
                title=_("Poll open"),
                items=[
                    (
                        _("%(question)s (%(members)s)")
                        % {
                            "question": poll.question,
                            "members": ", ".join(seat.member.name for seat in seats_now),
                        },
                        reverse("voting:vote", args=[poll.meeting_id]),
                    )
                ],
                action=(_("Vote now"), reverse("voting:vote", args=[poll.meeting_id])),
            )
        )
    return panels


def _teller_panels(user) -> list:
    """ "Teller: confirm the close" for each closed secret poll waiting for this teller."""
    from django.urls import reverse

    from accounts.selectors import Panel

    # The question alone: not the teller's sealed share, nor the poll's snapshot and tally.
    waiting = PollTeller.objects.filter(
        user=user, confirmed_at__isnull=True, poll__status=PollStatus.CLOSED, poll__outcome=""
    ).values_list("poll_id", "poll__question")
    return [
        Panel(
            title=_("Teller: confirm the close"),
            items=[(question, reverse("voting:poll-teller", args=[poll_id]))],
            action=(_("Confirm"), reverse("voting:poll-teller", args=[poll_id])),
        )
        for poll_id, question in waiting
    ]


# Decisions outside a meeting: who sees them (the pages, the API and the decision list).


def can_see_resolutions(user) -> bool:
    """The secretariat and the members' current secretaries and representatives."""
    from accounts.roles import is_secretariat
    from members.selectors import members_of_person

    return is_secretariat(user) or (user.is_authenticated and members_of_person(user).exists())


def only_those_who_see_resolutions(user) -> None:
    if not can_see_resolutions(user):
        raise RuleDenied(
            _("Decisions outside a meeting are for the members and the secretariat."),
            code="resolution-members-and-secretariat-only",
        )


def resolutions_visible(user):
    """The written resolutions `user` sees: all for the secretariat, the sent ones for members."""
    from accounts.roles import is_secretariat
    from voting.constants import ResolutionStatus

    only_those_who_see_resolutions(user)
    resolutions = recent_resolutions()
    if not is_secretariat(user):
        resolutions = resolutions.exclude(status=ResolutionStatus.DRAFT)
    return resolutions
