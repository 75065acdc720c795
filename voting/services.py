"""Writes of the voting app: polls from opening to result, ballots, decisions in writing.

The guarantees do not rest on forms: one ballot per member per poll is a unique constraint; a
secret ballot without its choice is a check constraint; a ballot takes a shared lock on its
poll and closing takes an exclusive one (PostgreSQL advisory locks), so no ballot lands after
the close and the result counts every ballot that did; a repeated submission (same token) is
recorded once.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import is_secretariat
from meetings import services as meeting_services
from meetings.constants import MeetingFormat, MeetingStatus
from meetings.models import AgendaItem, Meeting
from members.models import Member
from members.selectors import is_secretary_of, member_register, members_of_representative
from proxies.constants import Position
from statutes.selectors import association_current, decision_rule
from voting import selectors
from voting.constants import Answer, Choice, Outcome, PollKind, PollStatus, ResolutionStatus, Via
from voting.models import Ballot, Candidate, Poll, SecretTally, WrittenAnswer, WrittenResolution


def _require_chair(user: User) -> None:
    if not selectors.can_run_meeting(user):
        raise PermissionDenied(_("Only the chair and the secretariat run the meeting."))


def _bump(meeting_pk: int) -> None:
    key = selectors.version_key(meeting_pk)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=None)


def poll_create(
    *,
    meeting: Meeting,
    user: User,
    question: str,
    agenda_item: AgendaItem | None = None,
    kind: str = PollKind.MOTION,
    decision_kind: str = "ordinary",
    secret: bool | None = None,
    candidates: list[str] | None = None,
) -> Poll:
    """A poll with the majority and quorum of the association's rule for `decision_kind`."""
    _require_chair(user)
    rule = decision_rule(decision_kind)
    names = [name.strip() for name in candidates or [] if name.strip()]
    if kind == PollKind.ELECTION and len(names) < 1:
        raise ValidationError(_("An election needs at least one candidate."))
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError(_("That agenda item belongs to another meeting."))
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
    return poll


def poll_open(*, poll: Poll, user: User) -> Poll:
    _require_chair(user)
    with transaction.atomic():
        poll = Poll.objects.select_for_update().select_related("meeting").get(pk=poll.pk)
        if poll.status != PollStatus.DRAFT:
            raise ValidationError(_("This poll was opened already."))
        if poll.meeting.status != MeetingStatus.IN_SESSION:
            raise ValidationError(_("Polls open while the meeting is in session."))
        if poll.meeting.polls.filter(status=PollStatus.OPEN).exists():
            raise ValidationError(_("Another poll is open; close it first."))
        if poll.secret:
            options = [(Choice.ABSTAIN, None)]
            if poll.kind == PollKind.MOTION:
                options += [(Choice.FOR, None), (Choice.AGAINST, None)]
            else:
                options += [(Choice.CANDIDATE, candidate) for candidate in poll.candidates.all()]
            for choice, candidate in options:
                SecretTally.objects.create(poll=poll, choice=choice, candidate=candidate)
        poll.status = PollStatus.OPEN
        poll.opened_at = timezone.now()
        poll.opened_by = user
        poll.save()
        transaction.on_commit(lambda: _bump(poll.meeting_id))
    return poll


# Everything a ballot is checked against, in one round trip, under a shared lock on the poll
# (see the module docstring). It states in SQL what these say in the ORM:
# `Mandate.objects.current()`, `Member.objects.on_register()`, `Proxy.objects.active()`.
BALLOT_CONTEXT_SQL = """
SELECT p.status, p.kind, p.secret, p.allow_change, p.agenda_item_id,
       m.id, m.date, m.format,
       mem.id, mem.name,
       (mem.joined_on IS NULL OR mem.joined_on <= m.date)
           AND (mem.left_on IS NULL OR mem.left_on > m.date) AS on_register,
       EXISTS (
           SELECT 1 FROM members_mandate md
           WHERE md.member_id = mem.id AND md.user_id = %(user)s AND md.kind = 'representative'
             AND (md.starts_on IS NULL OR md.starts_on <= %(today)s)
             AND (md.ends_on IS NULL OR md.ends_on >= %(today)s)
       ) AS represents,
       (SELECT pr.id FROM proxies_proxy pr
        WHERE pr.meeting_id = m.id AND pr.member_id = mem.id AND pr.holder_user_id = %(user)s
          AND pr.status = 'active' LIMIT 1) AS proxy_id,
       (SELECT vi.position FROM proxies_votinginstruction vi
        JOIN proxies_proxy pr ON pr.id = vi.proxy_id
        WHERE pr.meeting_id = m.id AND pr.member_id = mem.id AND pr.holder_user_id = %(user)s
          AND pr.status = 'active' AND vi.agenda_item_id = p.agenda_item_id LIMIT 1) AS instruction,
       (SELECT a.member_vote_weight FROM statutes_association a ORDER BY a.id LIMIT 1),
       (SELECT a.remote_meetings_allowed FROM statutes_association a ORDER BY a.id LIMIT 1),
       (SELECT a.voting_requires_two_factor FROM statutes_association a ORDER BY a.id LIMIT 1)
FROM voting_poll p
JOIN meetings_meeting m ON m.id = p.meeting_id
JOIN members_member mem ON mem.id = %(member)s
WHERE p.id = %(poll)s
"""


@dataclass(frozen=True)
class BallotContext:
    status: str
    kind: str
    secret: bool
    allow_change: bool
    agenda_item_id: int | None
    meeting_id: int
    meeting_date: datetime.date
    meeting_format: str
    member_id: int
    member_name: str
    on_register: bool
    represents: bool
    proxy_id: int | None
    instruction: str | None
    weight: int | None
    remote_allowed: bool | None
    requires_two_factor: bool | None


# A transaction-level advisory lock per poll: ballots take it shared and do not block each
# other; closing takes it exclusively, so it waits for the ballots in progress and the ballots
# after it wait for the close (and then find the poll closed). Unlike a row lock (FOR SHARE)
# it writes nothing, which matters when a thousand ballots arrive in the same second.
POLL_LOCK_CLASS = 7001


def _ballot_context(poll_pk: int, member_id: int, user: User) -> BallotContext | None:
    sql = BALLOT_CONTEXT_SQL
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock_shared(%s, %s)", [POLL_LOCK_CLASS, poll_pk]
            )
    params = {"poll": poll_pk, "member": member_id, "user": user.pk, "today": timezone.localdate()}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return BallotContext(*row) if row else None


def _check_choice(
    poll_pk: int, kind: str, choice: str, candidate_id: int | None
) -> Candidate | None:
    if kind == PollKind.MOTION:
        if choice not in (Choice.FOR, Choice.AGAINST, Choice.ABSTAIN):
            raise ValidationError(_("Choose for, against or abstain."))
        return None
    if choice == Choice.ABSTAIN:
        return None
    candidate = (
        Candidate.objects.filter(poll_id=poll_pk, pk=candidate_id).first() if candidate_id else None
    )
    if choice != Choice.CANDIDATE or candidate is None:
        raise ValidationError(_("Choose one of the candidates, or abstain."))
    return candidate


def _check_remote(context: BallotContext) -> None:
    remote = context.meeting_format in (MeetingFormat.DIGITAL, MeetingFormat.HYBRID)
    if remote and context.remote_allowed:
        return
    from meetings.models import Attendance

    if not Attendance.objects.filter(
        meeting_id=context.meeting_id, member_id=context.member_id, present=True
    ).exists():
        raise ValidationError(
            _("This meeting is held in person: only members registered as present vote here.")
        )


def ballot_cast(
    *,
    poll: Poll | int,
    member_id: int,
    user: User,
    choice: str,
    candidate_id: int | None = None,
    token: uuid.UUID | str | None = None,
    two_factor_verified: bool = False,
) -> Ballot:
    """Cast `member_id`'s single ballot. The same submission (token) again returns the ballot
    recorded the first time; a ballot for a member someone else voted for is refused.

    Who may vote for a member: its representative, or the holder of its proxy for this
    meeting; whoever comes first takes the member's one ballot.
    """
    try:
        token = uuid.UUID(str(token)) if token else uuid.uuid4()
    except ValueError:
        raise ValidationError(
            _("This form is out of date; reload the page and vote again.")
        ) from None
    poll_pk = poll if isinstance(poll, int) else poll.pk
    with transaction.atomic():
        context = _ballot_context(poll_pk, member_id, user)
        if context is None:
            raise PermissionDenied(_("You may not vote for this member."))
        if context.requires_two_factor and not two_factor_verified:
            raise PermissionDenied(
                _("Confirm your log-in with your authenticator app before voting.")
            )
        candidate = _check_choice(poll_pk, context.kind, choice, candidate_id)
        if context.represents and context.on_register:
            via = Via.REPRESENTATIVE
        elif context.proxy_id is not None:
            via = Via.PROXY
        else:
            raise PermissionDenied(_("You may not vote for this member."))
        if context.status != PollStatus.OPEN:
            raise ValidationError(
                _("This poll is closed; the ballot was not recorded.")
                if context.status == PollStatus.CLOSED
                else _("This poll is not open yet.")
            )
        _check_remote(context)
        if (
            via == Via.PROXY
            and context.kind == PollKind.MOTION
            and context.instruction not in (None, Position.FREE)
            and context.instruction != choice
        ):
            raise ValidationError(
                _(
                    "The proxy of %(member)s instructs you to vote %(position)s on this item; "
                    "your ballot was not recorded."
                )
                % {
                    "member": context.member_name,
                    "position": str(Position(context.instruction).label).lower(),
                }
            )
        ballot = Ballot(
            poll_id=poll_pk,
            member_id=member_id,
            cast_by=user,
            via=via,
            weight=context.weight or 1,
            secret=context.secret,
            choice="" if context.secret else choice,
            candidate=None if context.secret else candidate,
            token=token,
        )
        if not _insert_once(ballot):
            existing = Ballot.objects.select_related("cast_by").get(
                poll_id=poll_pk, member_id=member_id
            )
            existing.member_name = context.member_name
            if existing.token == token:
                return existing  # a retry or a double click: recorded once
            if context.allow_change and not context.secret and existing.cast_by_id == user.pk:
                existing.choice = choice
                existing.candidate = candidate
                existing.token = token
                existing.save(update_fields=["choice", "candidate", "token"])
                return existing
            raise ValidationError(
                _("%(member)s has voted already (by %(who)s); each member has one ballot.")
                % {
                    "member": context.member_name,
                    "who": existing.cast_by.get_full_name() or existing.cast_by,
                }
            )
        if context.secret:
            _tally_add(poll_pk, choice, candidate, ballot.weight)
    ballot.member_name = context.member_name
    return ballot


def _tally_add(poll_pk: int, choice: str, candidate: Candidate | None, weight: int) -> None:
    """Add a secret ballot's weight to its option's total (the row lock orders concurrent adds)."""
    with connection.cursor() as cursor:
        if candidate is not None and choice == Choice.CANDIDATE:
            cursor.execute(
                "UPDATE voting_secrettally SET total = total + %s "
                "WHERE poll_id = %s AND candidate_id = %s",
                [weight, poll_pk, candidate.pk],
            )
        else:
            cursor.execute(
                "UPDATE voting_secrettally SET total = total + %s "
                "WHERE poll_id = %s AND choice = %s AND candidate_id IS NULL",
                [weight, poll_pk, choice],
            )
        if cursor.rowcount != 1:
            raise RuntimeError(f"secret poll {poll_pk} has no tally for {choice}")


def _insert_once(ballot: Ballot) -> bool:
    """Insert the ballot unless the member has one in this poll; False when it had."""
    if connection.vendor != "postgresql":
        try:
            with transaction.atomic():
                ballot.save()
        except IntegrityError:
            return False
        return True
    ballot.cast_at = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO voting_ballot
                (poll_id, member_id, cast_by_id, via, weight, secret, choice, candidate_id, token,
                 cast_at)
            VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
            ON CONFLICT (poll_id, member_id) DO NOTHING
            RETURNING id
            """,
            [
                ballot.poll_id,
                ballot.member_id,
                ballot.cast_by_id,
                ballot.via,
                ballot.weight,
                ballot.secret,
                ballot.choice,
                ballot.candidate_id,
                ballot.token,
                ballot.cast_at,
            ],
        )
        row = cursor.fetchone()
    if row is None:
        return False
    ballot.pk = row[0]
    ballot._state.adding = False
    return True


def ballots_cast_all(
    *,
    poll: Poll,
    user: User,
    choice: str,
    candidate_id: int | None = None,
    token: str | None = None,
) -> list[tuple[Member, Ballot | None, str]]:
    """The same choice for every member `user` may still vote for, each a ballot of its own.
    Returns (member, ballot or None, message) per member."""
    results = []
    for seat in selectors.seats(user, poll.meeting):
        # One token per member, derived from the action's token: a repeated action is recorded once.
        try:
            member_token = uuid.uuid5(uuid.UUID(str(token)), str(seat.member.pk)) if token else None
        except ValueError:
            raise ValidationError(
                _("This form is out of date; reload the page and vote again.")
            ) from None
        try:
            ballot = ballot_cast(
                poll=poll,
                member_id=seat.member.pk,
                user=user,
                choice=choice,
                candidate_id=candidate_id,
                token=member_token,
            )
        except (ValidationError, PermissionDenied) as error:
            results.append((seat.member, None, " ".join(getattr(error, "messages", [str(error)]))))
        else:
            results.append((seat.member, ballot, ""))
    return results


def _adopted(poll: Poll, votes_for: int, cast: int) -> bool:
    if cast == 0:
        return False
    if poll.majority_strict:
        return votes_for * poll.majority_denominator > poll.majority_numerator * cast
    return votes_for * poll.majority_denominator >= poll.majority_numerator * cast


def poll_close(*, poll: Poll, user: User) -> Poll:
    """Close the poll, count the stored ballots, freeze who was entitled, record the decision."""
    _require_chair(user)
    with transaction.atomic():
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
            raise ValidationError(_("Only an open poll can be closed."))
        meeting = poll.meeting
        totals = selectors.counts(poll)
        present = selectors.present_members(meeting)
        register = list(member_register(on=meeting.date).order_by("name"))
        ballots = {
            b.member_id: b
            for b in Ballot.objects.filter(poll=poll).select_related("cast_by", "candidate")
        }
        poll.entitled = [
            {
                "member": member.pk,
                "name": member.name,
                "present": member.pk in present,
                "voted": member.pk in ballots,
                "via": ballots[member.pk].via if member.pk in ballots else "",
                "cast_by": (
                    ballots[member.pk].cast_by.get_full_name() if member.pk in ballots else ""
                ),
                # Only a named poll keeps how a member voted.
                "choice": (
                    (
                        ballots[member.pk].candidate.name
                        if ballots[member.pk].candidate
                        else ballots[member.pk].choice
                    )
                    if member.pk in ballots and not poll.secret
                    else ""
                ),
            }
            for member in register
            if member.pk in present or member.pk in ballots
        ]
        quorum_state = selectors.Quorum(
            register=len(register), present=len(present), percent=poll.quorum_percent
        )
        poll.present_count = len(present)
        poll.counts = totals
        with translation.override(settings.LANGUAGE_CODE):
            rule = selectors.rule_text(poll)
            if not quorum_state.met:
                poll.outcome = Outcome.NO_QUORUM
                summary = _("no quorum (%(present)s of %(needed)s members needed)") % {
                    "present": quorum_state.present,
                    "needed": quorum_state.needed,
                }
            elif poll.kind == PollKind.MOTION:
                cast = totals["for"] + totals["against"]
                poll.outcome = (
                    Outcome.ADOPTED if _adopted(poll, totals["for"], cast) else Outcome.REJECTED
                )
                summary = _(
                    "%(outcome)s with %(for)s for, %(against)s against and %(abstain)s abstentions"
                ) % {
                    "outcome": poll.get_outcome_display().lower(),
                    "for": totals["for"],
                    "against": totals["against"],
                    "abstain": totals["abstain"],
                }
            else:
                candidates = totals["candidates"]
                cast = sum(candidates.values())
                ranked = sorted(candidates.items(), key=lambda item: -item[1])
                winner = (
                    ranked[0]
                    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1])
                    else None
                )
                if winner and _adopted(poll, winner[1], cast):
                    poll.outcome = Outcome.ELECTED
                    summary = _("%(name)s elected with %(votes)s of %(cast)s votes") % {
                        "name": winner[0],
                        "votes": winner[1],
                        "cast": cast,
                    }
                else:
                    poll.outcome = Outcome.NOT_ELECTED
                    summary = _("nobody elected (%(votes)s)") % {
                        "votes": ", ".join(f"{name} {votes}" for name, votes in ranked) or "0"
                    }
            rule_label = _("rule")
            poll.result_text = f"{summary}; {rule_label}: {rule}."
            decision_text = f"{poll.question}: {poll.result_text}"
        poll.status = PollStatus.CLOSED
        poll.closed_at = timezone.now()
        poll.closed_by = user
        poll.decision = meeting_services.decision_record(
            meeting=meeting, text=decision_text, agenda_item=poll.agenda_item, user=user
        )
        poll.save()
        transaction.on_commit(lambda: _bump(meeting.pk))
    return poll


def meeting_current_item(*, meeting: Meeting, user: User, item: AgendaItem | None) -> Meeting:
    _require_chair(user)
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError(_("That agenda item belongs to another meeting."))
    meeting.current_item = item
    meeting.save(update_fields=["current_item"])
    _bump(meeting.pk)
    return meeting


# Decisions outside a meeting


def resolution_create(
    *, user: User, title: str, proposal: str, deadline: datetime.datetime
) -> WrittenResolution:
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat puts a proposal to the members."))
    resolution = WrittenResolution(
        title=title.strip(), proposal=proposal.strip(), deadline=deadline, created_by=user
    )
    resolution.full_clean()
    resolution.save()
    return resolution


def resolution_board_informed(
    *, resolution: WrittenResolution, user: User, on: datetime.date, note: str = ""
) -> WrittenResolution:
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat records the board's prior knowledge."))
    resolution.board_informed_on = on
    resolution.board_note = note.strip()
    resolution.save()
    return resolution


def resolution_open(*, resolution: WrittenResolution, user: User) -> WrittenResolution:
    """Put the proposal to every member entitled to vote today (that list is frozen)."""
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat puts a proposal to the members."))
    with transaction.atomic():
        resolution = WrittenResolution.objects.select_for_update().get(pk=resolution.pk)
        if resolution.status != ResolutionStatus.DRAFT:
            raise ValidationError(_("This proposal was put to the members already."))
        if resolution.board_informed_on is None:
            raise ValidationError(
                _(
                    "Record the board's prior knowledge first: a decision outside a meeting "
                    "needs it."
                )
            )
        if resolution.deadline <= timezone.now():
            raise ValidationError(_("The deadline has passed; set a later one."))
        resolution.entitled = [
            {"member": m.pk, "name": m.name}
            for m in member_register(on=timezone.localdate()).order_by("name")
        ]
        resolution.status = ResolutionStatus.OPEN
        resolution.opened_at = timezone.now()
        resolution.save()
    return resolution


def resolution_answer(
    *, resolution: WrittenResolution, member: Member, user: User, answer: str
) -> WrittenAnswer:
    if not (
        is_secretary_of(user, member)
        or members_of_representative(user).filter(pk=member.pk).exists()
    ):
        raise PermissionDenied(_("Only this member's secretary or representative answers for it."))
    if answer not in Answer.values:
        raise ValidationError(_("Consent, object or abstain."))
    with transaction.atomic():
        resolution = WrittenResolution.objects.select_for_update().get(pk=resolution.pk)
        if resolution.status != ResolutionStatus.OPEN or resolution.deadline <= timezone.now():
            raise ValidationError(_("Answers are no longer accepted for this proposal."))
        if member.pk not in {entry["member"] for entry in resolution.entitled}:
            raise ValidationError(
                _("%(member)s is not among the members asked.") % {"member": member}
            )
        row = WrittenAnswer.objects.filter(resolution=resolution, member=member).first()
        if row is None:
            row = WrittenAnswer(resolution=resolution, member=member)
        row.answer = answer
        row.answered_by = user
        row.full_clean(validate_constraints=False)
        row.save()
    return row


def resolution_close(
    *, resolution: WrittenResolution, user: User, now: datetime.datetime | None = None
) -> WrittenResolution:
    """Adopted only if every member entitled consented (Civil Code 2:40(2)): an objection, an
    abstention or no answer means not adopted. The result enters the decision list."""
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat closes a decision outside a meeting."))
    now = now or timezone.now()
    with transaction.atomic():
        resolution = WrittenResolution.objects.select_for_update().get(pk=resolution.pk)
        if resolution.status != ResolutionStatus.OPEN:
            raise ValidationError(_("Only a proposal put to the members can be closed."))
        answers = dict(resolution.answers.values_list("member_id", "answer"))
        entitled = [entry["member"] for entry in resolution.entitled]
        if now < resolution.deadline and len(answers) < len(entitled):
            raise ValidationError(_("Members may still answer until the deadline."))
        consents = sum(1 for member in entitled if answers.get(member) == Answer.CONSENT)
        resolution.adopted = consents == len(entitled) and consents > 0
        with translation.override(settings.LANGUAGE_CODE):
            resolution.result_text = (
                _("adopted: all %(count)s members consented") % {"count": consents}
                if resolution.adopted
                else _("not adopted: %(consents)s of %(count)s members consented")
                % {"consents": consents, "count": len(entitled)}
            )
            text = _("Decision outside a meeting (%(date)s): %(title)s; %(result)s.") % {
                "date": date_format(timezone.localtime(now).date(), "j F Y"),
                "title": resolution.title,
                "result": resolution.result_text,
            }
        resolution.status = ResolutionStatus.CLOSED
        resolution.closed_at = now
        resolution.decision = meeting_services.decision_record(
            meeting=None, text=text, date=timezone.localtime(now).date(), user=user
        )
        resolution.save()
    return resolution
