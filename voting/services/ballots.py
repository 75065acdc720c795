"""Casting ballots: who may cast a member's ballot, and the guarantees that hold under load.

One ballot per member per poll is a unique constraint; a secret ballot without its choice is a
check constraint, and what it stores is its encryption (`voting.services.secret`), so the
transaction that records it writes that row alone (no total is updated per ballot: a shared
row version would link the two); a ballot takes a shared lock on its poll and closing takes
an exclusive one (PostgreSQL advisory locks), so no ballot lands after the close and the
result counts every ballot that did; a repeated submission (same token) is recorded once.
"""

from __future__ import annotations

import datetime
import functools
import json
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dimpact_portal.db.base import logged
from dimpact_portal.rules import RuleDenied
from meetings.constants import MeetingFormat
from meetings.selectors import attendance_is_present, meeting_db_table
from members.constants import MandateKind
from members.selectors import member_db_tables
from proxies.constants import Position, ProxyStatus
from proxies.selectors import proxy_db_tables, voter_via
from statutes.selectors import association_db_table
from voting import selectors
from voting.constants import Choice, PollKind, PollStatus, Via
from voting.models import Ballot, Candidate, Poll
from voting.services._common import POLL_LOCK_CLASS, _submission_token
from voting.services.secret import ballot_encrypt

if TYPE_CHECKING:
    from accounts.models import User
    from members.models import Member

# Everything a ballot is checked against, in one round trip, under a shared lock on the poll
# (see the module docstring). It states in SQL what these say in the ORM:
# `Mandate.objects.current()`, `Member.objects.on_register()`, `Proxy.objects.active()`, and
# reads the statute settings (`statutes.selectors.association_current()`). The tables of the
# other apps are named by their selectors (`*_db_table(s)`), not spelled out here.
BALLOT_CONTEXT_SQL = """
SELECT p.status, p.kind, p.secret, p.allow_change, p.agenda_item_id, p.public_key, p.options,
       m.id, m.date, m.format,
       mem.id, mem.name,
       (mem.joined_on IS NULL OR mem.joined_on <= m.date)
           AND (mem.left_on IS NULL OR mem.left_on > m.date) AS on_register,
       EXISTS (
           SELECT 1 FROM {mandate} md
           WHERE md.member_id = mem.id AND md.user_id = %(user)s AND md.kind = %(representative)s
             AND (md.starts_on IS NULL OR md.starts_on <= %(today)s)
             AND (md.ends_on IS NULL OR md.ends_on >= %(today)s)
       ) AS represents,
       (SELECT pr.id FROM {proxy} pr
        WHERE pr.meeting_id = m.id AND pr.member_id = mem.id AND pr.holder_user_id = %(user)s
          AND pr.status = %(active)s LIMIT 1) AS proxy_id,
       (SELECT pr.holder_name FROM {proxy} pr
        WHERE pr.meeting_id = m.id AND pr.member_id = mem.id AND pr.status = %(active)s
        LIMIT 1) AS proxy_holder,
       (SELECT vi.position FROM {instruction} vi
        JOIN {proxy} pr ON pr.id = vi.proxy_id
        WHERE pr.meeting_id = m.id AND pr.member_id = mem.id AND pr.holder_user_id = %(user)s
          AND pr.status = %(active)s AND vi.agenda_item_id = p.agenda_item_id LIMIT 1)
          AS instruction,
       (SELECT a.member_vote_weight FROM {association} a ORDER BY a.id LIMIT 1),
       (SELECT a.remote_meetings_allowed FROM {association} a ORDER BY a.id LIMIT 1),
       (SELECT a.voting_requires_two_factor FROM {association} a ORDER BY a.id LIMIT 1)
FROM {poll} p
JOIN {meeting} m ON m.id = p.meeting_id
JOIN {member} mem ON mem.id = %(member)s
WHERE p.id = %(poll)s
"""


@functools.cache
def _ballot_context_sql() -> str:
    return BALLOT_CONTEXT_SQL.format(
        poll=connection.ops.quote_name(Poll._meta.db_table),
        meeting=connection.ops.quote_name(meeting_db_table()),
        association=connection.ops.quote_name(association_db_table()),
        **{name: connection.ops.quote_name(table) for name, table in member_db_tables().items()},
        **{name: connection.ops.quote_name(table) for name, table in proxy_db_tables().items()},
    )


@dataclass(frozen=True)
class BallotContext:
    status: str
    kind: str
    secret: bool
    allow_change: bool
    agenda_item_id: int | None
    public_key: str
    options: list | str
    meeting_id: int
    meeting_date: datetime.date
    meeting_format: str
    member_id: int
    member_name: str
    on_register: bool
    represents: bool
    proxy_id: int | None
    proxy_holder: str | None  # the holder of the member's active proxy, whoever it is
    instruction: str | None
    weight: int | None
    remote_allowed: bool | None
    requires_two_factor: bool | None


def _ballot_context(poll_pk: int, member_id: int, user: User) -> BallotContext | None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock_shared(%s, %s)", [POLL_LOCK_CLASS, poll_pk]
            )
    with connection.cursor() as cursor:
        cursor.execute(_ballot_context_sql(), _context_params(poll_pk, member_id, user))
        row = cursor.fetchone()
    return BallotContext(*row) if row else None


def _context_params(poll_pk: int, member_id: int, user: User) -> dict:
    return {
        "poll": poll_pk,
        "member": member_id,
        "user": user.pk,
        "today": timezone.localdate(),
        "representative": MandateKind.REPRESENTATIVE.value,
        "active": ProxyStatus.ACTIVE.value,
    }


# The rules of a ballot, each a guard named after it (docs/rules.md lists their codes).


def _check_exists(context: BallotContext | None) -> BallotContext:
    if context is None:
        raise RuleDenied(_("You may not vote for this member."), code="ballot-not-entitled")
    return context


def _check_two_factor(context: BallotContext, verified: bool) -> None:
    if context.requires_two_factor and not verified:
        raise RuleDenied(
            _("Confirm your log-in with your authenticator app before voting."),
            code="ballot-two-factor-required",
        )


def _check_choice(
    poll_pk: int, kind: str, choice: str, candidate_id: int | None
) -> Candidate | None:
    if kind == PollKind.MOTION:
        if choice not in (Choice.FOR, Choice.AGAINST, Choice.ABSTAIN):
            raise ValidationError(
                _("Choose for, against or abstain."), code="ballot-choice-invalid"
            )
        return None
    if choice == Choice.ABSTAIN:
        return None
    candidate = (
        Candidate.objects.filter(poll_id=poll_pk, pk=candidate_id).first() if candidate_id else None
    )
    if choice != Choice.CANDIDATE or candidate is None:
        raise ValidationError(
            _("Choose one of the candidates, or abstain."), code="ballot-choice-invalid"
        )
    return candidate


def ballot_via(context: BallotContext) -> str | None:
    """How this user votes for the member, by the one definition (`voter_via`) applied to
    the facts the single query read."""
    return voter_via(
        on_register=bool(context.on_register),
        represents=bool(context.represents),
        holds_proxy=context.proxy_id is not None,
        member_has_proxy=context.proxy_holder is not None,
    )


def _check_entitled(context: BallotContext) -> str:
    """While the member has an active proxy only its holder votes; otherwise its
    representative."""
    via = ballot_via(context)
    if via is not None:
        return via
    if context.represents and context.proxy_holder is not None:
        raise RuleDenied(
            _(
                "%(member)s is represented by %(holder)s (proxy): only the holder votes for it. "
                "To vote yourself, have the proxy revoked first."
            )
            % {"member": context.member_name, "holder": context.proxy_holder},
            code="ballot-member-has-proxy",
        )
    raise RuleDenied(_("You may not vote for this member."), code="ballot-not-entitled")


def _check_poll_open(context: BallotContext) -> None:
    if context.status == PollStatus.CLOSED:
        raise ValidationError(
            _("This poll is closed; the ballot was not recorded."), code="ballot-poll-closed"
        )
    if context.status != PollStatus.OPEN:
        raise ValidationError(_("This poll is not open yet."), code="ballot-poll-not-open")


def _check_present_in_person(context: BallotContext) -> None:
    """In a meeting held in person (or where remote voting is not allowed) only the members
    registered as present vote."""
    remote = context.meeting_format in (MeetingFormat.DIGITAL, MeetingFormat.HYBRID)
    if remote and context.remote_allowed:
        return
    if not attendance_is_present(context.meeting_id, context.member_id):
        raise ValidationError(
            _("This meeting is held in person: only members registered as present vote here."),
            code="ballot-not-present",
        )


def _check_instruction(context: BallotContext, via: str, choice: str) -> None:
    """A holder's ballot follows the member's voting instruction on the item."""
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
            },
            code="ballot-against-instruction",
        )


def _existing_ballot(
    ballot: Ballot, context: BallotContext, user: User, token: uuid.UUID
) -> Ballot:
    """The member has a ballot in this poll already: the same submission again returns it, a
    change is made where the poll allows it, anything else is refused."""
    existing = Ballot.objects.select_related("cast_by").get(
        poll_id=ballot.poll_id, member_id=ballot.member_id
    )
    existing.member_name = context.member_name
    if existing.token == token:
        existing.repeated = True  # the page says "al vastgelegd"
        return existing  # a retry or a double click: recorded once
    if context.allow_change and not context.secret and existing.cast_by_id == user.pk:
        existing.choice = ballot.choice
        existing.candidate = ballot.candidate
        existing.token = token
        existing.save(update_fields=["choice", "candidate", "token"])
        return existing
    raise ValidationError(
        _("%(member)s has voted already (by %(who)s); each member has one ballot.")
        % {
            "member": context.member_name,
            "who": existing.cast_by.get_full_name() or existing.cast_by,
        },
        code="ballot-one-per-member",
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

    Who may vote for a member (`proxies.selectors.voter_via`): while it has an active proxy
    for this meeting, only the holder; otherwise its representative.
    """
    token = _submission_token(token) or uuid.uuid4()
    poll_pk = poll if isinstance(poll, int) else poll.pk
    rules = functools.partial(
        _checked_ballot,
        poll_pk=poll_pk,
        member_id=member_id,
        user=user,
        choice=choice,
        candidate_id=candidate_id,
        token=token,
        two_factor_verified=two_factor_verified,
    )
    if _pipelined_available():
        ballot = _cast_pipelined(poll_pk, member_id, user, rules)
        if ballot is not None:
            return ballot
        # The member has a ballot already: the same transaction as below decides what happens.
    with transaction.atomic():
        context = _ballot_context(poll_pk, member_id, user)
        ballot = rules(context)
        if not _insert_once(ballot):
            return _existing_ballot(ballot, context, user, token)
    ballot.member_name = context.member_name
    return ballot


def _checked_ballot(
    context: BallotContext | None,
    *,
    poll_pk: int,
    member_id: int,
    user: User,
    choice: str,
    candidate_id: int | None,
    token: uuid.UUID,
    two_factor_verified: bool,
) -> Ballot:
    """The rules of a ballot, in order, on what the one query read; the ballot to store, or
    the first rule that refuses it (`RuleDenied`, `ValidationError`)."""
    context = _check_exists(context)
    _check_two_factor(context, two_factor_verified)
    candidate = _check_choice(poll_pk, context.kind, choice, candidate_id)
    via = _check_entitled(context)
    _check_poll_open(context)
    _check_present_in_person(context)
    _check_instruction(context, via, choice)
    ciphertext, tracker = _encrypted(poll_pk, context, choice, candidate)
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
        ciphertext=ciphertext,
        tracker=tracker,
    )
    ballot.member_name = context.member_name
    return ballot


def _encrypted(
    poll_pk: int, context: BallotContext, choice: str, candidate: Candidate | None
) -> tuple[list, str]:
    """A secret ballot's ciphertexts and tracker (the choice stays in this request's memory);
    nothing for a named one."""
    if not context.secret:
        return [], ""
    options = context.options
    if isinstance(options, str):  # SQLite hands JSON back as text
        options = json.loads(options)
    return ballot_encrypt(
        poll_pk=poll_pk,
        public_key=context.public_key,
        options=options,
        choice=choice,
        candidate_id=candidate.pk if candidate else None,
        weight=context.weight or 1,
    )


_LOCK_SQL = "SELECT pg_advisory_xact_lock_shared(%s::integer, %s::integer)"
_INSERT_SQL = """
INSERT INTO voting_ballot
    (poll_id, member_id, cast_by_id, via, weight, secret, choice, candidate_id, token,
     ciphertext, tracker, cast_at)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb, %s, %s)
ON CONFLICT (poll_id, member_id) DO NOTHING
RETURNING id
"""


def _insert_params(ballot: Ballot) -> list:
    ballot.cast_at = timezone.now()
    return [
        ballot.poll_id,
        ballot.member_id,
        ballot.cast_by_id,
        ballot.via,
        ballot.weight,
        ballot.secret,
        ballot.choice,
        ballot.candidate_id,
        ballot.token,
        json.dumps(ballot.ciphertext),
        ballot.tracker,
        ballot.cast_at,
    ]


def _inserted(ballot: Ballot, row) -> bool:
    if row is None:
        return False
    ballot.pk = row[0]
    ballot._state.adding = False
    return True


def _insert_once(ballot: Ballot) -> bool:
    """Insert the ballot unless the member has one in this poll; False when it had."""
    if connection.vendor != "postgresql":
        try:
            with transaction.atomic():
                ballot.save()
        except IntegrityError:
            return False
        return True
    with connection.cursor() as cursor:
        cursor.execute(_INSERT_SQL, _insert_params(ballot))
        return _inserted(ballot, cursor.fetchone())


# The same transaction on PostgreSQL in two round trips instead of five. What a ballot sends
# is BEGIN, the shared lock on the poll, the query of everything it is checked against, then
# INSERT and COMMIT: each waits for the one before it on the server, but none needs the answer
# of the one before it on this side except the INSERT (the rules decide on what the query
# read), so they go in two pipelines (psycopg's pipeline mode): BEGIN, lock and query; then
# INSERT and COMMIT. The server runs each statement in turn as before (the query after the lock
# is granted, on a snapshot taken then), so the guarantees of the module docstring hold. Only
# outside a transaction of the caller's (a test's, a batch's): there the path above runs.


def _pipelined_available() -> bool:
    return (
        connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and connection.get_autocommit()
    )


def _cast_pipelined(poll_pk: int, member_id: int, user: User, rules) -> Ballot | None:
    """The ballot recorded, or None when the member has one already (nothing is written; the
    caller decides in a transaction of its own). A rule's refusal is raised, after ROLLBACK."""
    import psycopg

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    raw = connection.connection
    with connection.wrap_database_errors:
        try:
            # Bound on the server and prepared: planned once per connection, not per ballot
            # (Django's own cursors bind on the client, so the server plans each text anew).
            lock, read, write = (psycopg.Cursor(raw) for _ in range(3))
            context = (_ballot_context_sql(), _context_params(poll_pk, member_id, user))
            with logged(connection, "BEGIN; <lock>; " + context[0], context[1]), raw.pipeline():
                raw.execute("BEGIN")
                lock.execute(_LOCK_SQL, [POLL_LOCK_CLASS, poll_pk], prepare=True)
                read.execute(*context, prepare=True)
            row = read.fetchone()
            ballot = rules(BallotContext(*row) if row else None)
            insert = (_INSERT_SQL, _insert_params(ballot))
            with logged(connection, insert[0] + "; COMMIT", insert[1]), raw.pipeline():
                write.execute(*insert, prepare=True)
                raw.execute("COMMIT")
        except BaseException:
            _rollback(raw)
            raise
    return ballot if _inserted(ballot, write.fetchone()) else None


def _rollback(raw) -> None:
    from psycopg import Error
    from psycopg.pq import TransactionStatus

    try:
        if raw.pgconn.transaction_status != TransactionStatus.IDLE:
            raw.execute("ROLLBACK")
    except Error:
        connection.errors_occurred = True  # Django checks it before the next request


def ballots_cast_all(
    *,
    poll: Poll,
    user: User,
    choice: str,
    candidate_id: int | None = None,
    token: str | None = None,
    two_factor_verified: bool = False,
) -> list[tuple[Member, Ballot | None, str]]:
    """The same choice for every member `user` votes for, each a ballot of its own under its
    own instruction, in a transaction of its own (`ballot_cast`): a member whose instruction
    differs is skipped with the reason, and the others are recorded all the same. Returns
    (member, ballot or None, message) per member."""
    results = []
    for seat in selectors.seats(user, poll.meeting):
        # One token per member, derived from the action's token: a repeated action is recorded once.
        member_token = _submission_token(token, name=str(seat.member.pk))
        try:
            ballot = ballot_cast(
                poll=poll,
                member_id=seat.member.pk,
                user=user,
                choice=choice,
                candidate_id=candidate_id,
                token=member_token,
                two_factor_verified=two_factor_verified,
            )
        except (ValidationError, PermissionDenied) as error:
            results.append((seat.member, None, " ".join(getattr(error, "messages", [str(error)]))))
        else:
            results.append((seat.member, ballot, ""))
    return results
