"""Polls from preparation to result: prepare, open, close (the count, the frozen list of who
was entitled, the decision), and the item under discussion."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from meetings import services as meeting_services
from meetings.constants import MeetingStatus
from members.selectors import member_register
from statutes.constants import DecisionKind
from statutes.selectors import association_current, decision_rule
from voting import selectors
from voting.constants import Outcome, PollKind, PollStatus
from voting.models import Ballot, Candidate, Poll
from voting.outcome import Majority, Quorum, poll_outcome
from voting.services._common import (
    POLL_LOCK_CLASS,
    _bump,
    _check_chair,
    _check_item_of_meeting,
)
from voting.services.outcomes import outcome_handlers_run
from voting.services.secret import secret_poll_keys, secret_tally_fix, tellers_assign

if TYPE_CHECKING:
    from accounts.models import User
    from meetings.models import AgendaItem, Meeting
    from members.models import Member


def _check_candidates(kind: str, names: list[str]) -> None:
    if kind == PollKind.ELECTION and len(names) < 1:
        raise ValidationError(
            _("An election needs at least one candidate."), code="poll-election-needs-candidate"
        )


def poll_create(
    *,
    meeting: Meeting,
    user: User,
    question: str,
    agenda_item: AgendaItem | None = None,
    kind: str = PollKind.MOTION,
    decision_kind: str = DecisionKind.ORDINARY,
    secret: bool | None = None,
    candidates: list[str] | None = None,
    tellers: list[User] | None = None,
) -> Poll:
    """A poll with the majority and quorum of the association's rule for `decision_kind`; a
    secret poll's `tellers` (default: every holder of a teller key, at the opening)."""
    _check_chair(user)
    rule = decision_rule(decision_kind)
    names = [name.strip() for name in candidates or [] if name.strip()]
    _check_candidates(kind, names)
    _check_item_of_meeting(agenda_item, meeting)
    with transaction.atomic():
        poll = Poll(
            meeting=meeting,
            agenda_item=agenda_item,
            question=question.strip(),
            kind=kind,
            secret=rule.secret if secret is None else secret,
            decision_kind=decision_kind,
            majority_numerator=rule.majority_numerator,
            majority_denominator=rule.majority_denominator,
            majority_strict=rule.majority_strict,
            quorum_percent=rule.quorum_percent,
            allow_change=association_current().ballot_change_allowed,
            created_by=user,
        )
        poll.full_clean()
        poll.save()
        for position, name in enumerate(dict.fromkeys(names)):
            Candidate.objects.create(poll=poll, name=name, position=position)
        if poll.secret and tellers:
            tellers_assign(poll=poll, tellers=tellers)
    return poll


def _check_may_open(poll: Poll) -> None:
    if poll.status != PollStatus.DRAFT:
        raise ValidationError(_("This poll was opened already."), code="poll-opened-already")
    if poll.meeting.status != MeetingStatus.IN_SESSION:
        raise ValidationError(
            _("Polls open while the meeting is in session."), code="poll-meeting-not-in-session"
        )
    if Poll.objects.filter(meeting=poll.meeting, status=PollStatus.OPEN).exists():
        raise ValidationError(
            _("Another poll is open; close it first."), code="poll-one-open-at-a-time"
        )


def poll_open(*, poll: Poll, user: User) -> Poll:
    _check_chair(user)
    with transaction.atomic():
        poll = Poll.objects.select_for_update().select_related("meeting").get(pk=poll.pk)
        _check_may_open(poll)
        if poll.secret:
            secret_poll_keys(poll)
        poll.status = PollStatus.OPEN
        poll.opened_at = timezone.now()
        poll.opened_by = user
        poll.save()
        transaction.on_commit(lambda: _bump(poll.meeting_id))
    return poll


def _entitled_snapshot(
    poll: Poll, register: list[Member], present: set[int], ballots: dict[int, Ballot]
) -> list[dict]:
    """Who was entitled when the poll closed (present, or voted) and whether and how each
    voted; only a named poll keeps how."""

    def choice(ballot: Ballot | None) -> str:
        if ballot is None or poll.secret:
            return ""
        return ballot.candidate.name if ballot.candidate else ballot.choice

    return [
        {
            "member": member.pk,
            "name": member.name,
            "present": member.pk in present,
            "voted": member.pk in ballots,
            "via": ballots[member.pk].via if member.pk in ballots else "",
            "cast_by": ballots[member.pk].cast_by.get_full_name() if member.pk in ballots else "",
            "choice": choice(ballots.get(member.pk)),
        }
        for member in register
        if member.pk in present or member.pk in ballots
    ]


def _lock_for_close(poll: Poll) -> Poll:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Waits for the ballots in progress; later ones wait for this close.
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [POLL_LOCK_CLASS, poll.pk])
    poll = (
        Poll.objects.select_for_update(of=("self",))
        .select_related("meeting", "agenda_item")
        .get(pk=poll.pk)
    )
    if poll.status != PollStatus.OPEN:
        raise ValidationError(_("Only an open poll can be closed."), code="poll-not-open")
    return poll


def poll_close(*, poll: Poll, user: User) -> Poll:
    """Close the poll, freeze who was entitled and count the stored ballots: a named poll's
    result and decision are recorded at once; a secret poll's tally is fixed, encrypted, and
    its result waits for k of its tellers (`poll_teller_confirm`)."""
    _check_chair(user)
    with transaction.atomic():
        poll = _lock_for_close(poll)
        meeting = poll.meeting
        present = selectors.present_members(meeting)
        register = list(member_register(on=meeting.date).order_by("name"))
        ballots = {
            b.member_id: b
            for b in Ballot.objects.filter(poll=poll)
            .select_related("cast_by", "candidate")
            .defer("ciphertext")
        }
        poll.entitled = _entitled_snapshot(poll, register, present, ballots)
        poll.present_count = len(present)
        poll.status = PollStatus.CLOSED
        poll.closed_at = timezone.now()
        poll.closed_by = user
        if poll.secret:
            secret_tally_fix(poll, len(register))
            poll.save()
        else:
            poll_result_record(poll=poll, totals=selectors.counts(poll), register=len(register))
        transaction.on_commit(lambda: _bump(meeting.pk))
    return poll


def decision_line(question: str, result: str) -> str:
    """The decision list's line: the question, then its result after a colon; the question's
    closing full stop goes ("… vast: aangenomen …", not "… vast.: aangenomen …"), and after a
    question mark the result starts a sentence of its own."""
    question = question.strip().rstrip(".:;, ")
    if question.endswith(("?", "!")):
        return f"{question} {result[:1].upper()}{result[1:]}"
    return f"{question}: {result}"


def poll_result_record(*, poll: Poll, totals: dict, register: int | None = None) -> Poll:
    """The outcome, the result text, the decision and what it sets in motion, from `totals`
    (in the transaction that closes the poll, or that of the k-th teller of a secret one)."""
    if register is None:
        register = poll.tally["register"]
    poll.counts = totals
    with translation.override(settings.LANGUAGE_CODE):
        result = poll_outcome(
            kind=poll.kind,
            majority=Majority(
                poll.majority_numerator, poll.majority_denominator, poll.majority_strict
            ),
            quorum=Quorum(register, poll.present_count or 0, poll.quorum_percent),
            totals=totals,
        )
        poll.outcome = result.outcome
        rule = _("rule")  # outside the f-string, where makemessages finds it
        poll.result_text = f"{result.summary}; {rule}: {selectors.rule_text(poll)}."
        decision_text = decision_line(poll.question, poll.result_text)
    poll.decision = meeting_services.decision_record(
        meeting=poll.meeting, text=decision_text, agenda_item=poll.agenda_item, user=poll.closed_by
    )
    poll.save()
    outcome_handlers_run(
        poll=poll,
        adopted=poll.outcome == Outcome.ADOPTED,
        decision=poll.decision,
        user=poll.closed_by,
    )
    if poll.secret:
        transaction.on_commit(lambda: _bump(poll.meeting_id))
    return poll


def meeting_current_item(*, meeting: Meeting, user: User, item: AgendaItem | None) -> Meeting:
    """The item under discussion, shown on the voters' pages."""
    _check_chair(user)
    _check_item_of_meeting(item, meeting)
    meeting = meeting_services.meeting_current_item_set(meeting=meeting, item=item)
    _bump(meeting.pk)
    return meeting
