"""Writes of the supervisory board: commissioners, terms and their rules, chair periods,
attendance, remuneration, appointment proposals and the self-evaluation.

Every function checks its rules first and raises a coded refusal (`ValidationError(...,
code=...)` or `dimpact_portal.rules.RuleDenied`, see docs/rules.md); nothing is stored when it
does. Other apps call these functions, not the models. The voting app calls
`term_reappoint_from_outcome` inside the transaction that closes a poll or a decision outside
a meeting, so that an adopted "Herbenoeming X" extends X's term without anyone typing it twice.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.roles import role_names
from dimpact_portal.rules import RuleDenied
from governance import selectors
from governance.constants import (
    SCORE_MAX,
    SCORE_MIN,
    AppointmentKind,
    CommissionerKind,
    ProposalStatus,
    TermEnd,
)
from governance.models import (
    AppointmentProposal,
    BoardAttendance,
    ChairPeriod,
    Commissioner,
    Evaluation,
    EvaluationAnswer,
    EvaluationParticipation,
    EvaluationResponse,
    Remuneration,
    RosterSnapshot,
    Term,
)
from statutes.constants import DecisionKind

if TYPE_CHECKING:
    from accounts.models import User
    from meetings.models import AgendaItem, Decision, Meeting
    from voting.models import Poll, WrittenResolution

ONE_DAY = datetime.timedelta(days=1)


# Who may write


def _require_secretariat(user: User | None) -> None:
    """The secretariat keeps the board's records (`None`: the system, e.g. a closing poll)."""
    if user is not None and Role.SECRETARIAT not in role_names(user):
        raise RuleDenied(
            _("Only the secretariat keeps the supervisory board's records."),
            code="governance-secretariat-only",
        )


# Commissioners


def _check_unbound_has_no_member(commissioner: Commissioner) -> None:
    if commissioner.kind == CommissionerKind.UNBOUND and commissioner.member_id:
        raise ValidationError(
            _("An unbound commissioner does not work at a member."),
            code="commissioner-unbound-has-member",
        )


def commissioner_save(*, user: User | None, commissioner: Commissioner) -> Commissioner:
    """Create or change a commissioner (or a candidate for a seat)."""
    _require_secretariat(user)
    _check_unbound_has_no_member(commissioner)
    commissioner.full_clean()
    commissioner.save()
    return commissioner


# Terms and their rules


def _check_ends_after_start(starts_on: datetime.date, ends_on: datetime.date) -> None:
    if ends_on <= starts_on:
        raise ValidationError(_("A term ends after it starts."), code="term-ends-before-start")


def _check_statutory_length(starts_on, ends_on, reason: str) -> None:
    """A term lasts the statutory number of years, unless another end is explained."""
    if ends_on != selectors.term_default_end(starts_on) and not reason.strip():
        years = selectors.board_settings().term_years
        raise ValidationError(
            _("A term lasts %(years)s years; give the reason for another end date.")
            % {"years": years},
            code="term-length",
        )


def _check_no_overlap(commissioner: Commissioner, starts_on, ends_on) -> None:
    for other in commissioner.terms.all():
        if starts_on <= other.last_day and other.starts_on <= ends_on:
            raise ValidationError(
                _("This term overlaps term %(number)s of %(name)s (%(start)s – %(end)s).")  # noqa: RUF001 (an en dash for a range)
                % {
                    "number": other.number,
                    "name": commissioner,
                    "start": other.starts_on.strftime("%d-%m-%Y"),
                    "end": other.last_day.strftime("%d-%m-%Y"),
                },
                code="term-overlap",
            )


def _check_terms_at_most(number: int) -> None:
    settings = selectors.board_settings()
    if number > settings.max_terms:
        raise ValidationError(
            _("A commissioner is re-appointable %(times)s time(s) at most.")
            % {"times": settings.max_terms - 1},
            code="term-max-reappointments",
        )


def _check_decided_by_assembly(decision, poll, resolution) -> None:
    if decision is None and poll is None and resolution is None:
        raise ValidationError(
            _(
                "A re-appointment needs a decision of the assembly: a poll at an assembly or a "
                "decision outside a meeting."
            ),
            code="term-reappoint-needs-decision",
        )
    if poll is not None and poll.outcome != "adopted":
        raise ValidationError(
            _("The poll did not adopt the re-appointment."), code="term-decision-not-adopted"
        )
    if resolution is not None and resolution.adopted is not True:
        raise ValidationError(
            _("The decision outside a meeting was not adopted."),
            code="term-decision-not-adopted",
        )


def _lock(commissioner: Commissioner) -> Commissioner:
    """The commissioner's row, locked: terms of one person are written one at a time."""
    return Commissioner.objects.select_for_update().get(pk=commissioner.pk)


def _term_write(
    *,
    commissioner: Commissioner,
    number: int,
    starts_on,
    ends_on,
    reason: str,
    decision=None,
    poll=None,
    resolution=None,
    note: str = "",
) -> Term:
    _check_ends_after_start(starts_on, ends_on)
    _check_statutory_length(starts_on, ends_on, reason)
    _check_terms_at_most(number)
    _check_no_overlap(commissioner, starts_on, ends_on)
    decided_on = (
        decision.date
        if decision is not None
        else (
            timezone.localtime(resolution.closed_at).date()
            if resolution and resolution.closed_at
            else None
        )
    )
    term = Term(
        commissioner=commissioner,
        number=number,
        starts_on=starts_on,
        ends_on=ends_on,
        ends_on_reason=reason.strip(),
        decision=decision,
        poll=poll,
        resolution=resolution,
        decided_on=decided_on,
        appointed_note=note.strip(),
    )
    term.full_clean()
    term.save()
    return term


def term_appoint(
    *,
    user: User | None,
    commissioner: Commissioner,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    ends_on_reason: str = "",
    decision: Decision | None = None,
    poll: Poll | None = None,
    resolution: WrittenResolution | None = None,
    appointed_note: str = "",
    decided_on: datetime.date | None = None,
) -> Term:
    """A commissioner's first term (an appointment by the assembly, or one from before the
    portal recorded by where it is minuted)."""
    _require_secretariat(user)
    with transaction.atomic():
        commissioner = _lock(commissioner)
        term = _term_write(
            commissioner=commissioner,
            number=1,
            starts_on=starts_on,
            ends_on=ends_on or selectors.term_default_end(starts_on),
            reason=ends_on_reason,
            decision=decision,
            poll=poll,
            resolution=resolution,
            note=appointed_note,
        )
        if decided_on and term.decided_on is None:
            term.decided_on = decided_on
            term.save(update_fields=["decided_on"])
    return term


def term_reappoint(
    *,
    user: User | None,
    commissioner: Commissioner,
    decision: Decision | None = None,
    poll: Poll | None = None,
    resolution: WrittenResolution | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    ends_on_reason: str = "",
    appointed_note: str = "",
) -> Term:
    """The next term, decided by the assembly: by default from the day after the previous
    term ends (also when the decision comes late: the repair continues the membership)."""
    _require_secretariat(user)
    _check_decided_by_assembly(decision, poll, resolution)
    with transaction.atomic():
        commissioner = _lock(commissioner)
        previous = commissioner.terms.order_by("-number").first()
        if previous is None:
            raise ValidationError(
                _("%(name)s has no term to be re-appointed after.") % {"name": commissioner},
                code="term-reappoint-without-term",
            )
        if previous.ended_on is not None:
            raise ValidationError(
                _("The previous term ended early (%(how)s); appoint anew instead.")
                % {"how": previous.get_end_reason_display().lower()},
                code="term-reappoint-after-end",
            )
        starts_on = starts_on or previous.ends_on + ONE_DAY
        return _term_write(
            commissioner=commissioner,
            number=previous.number + 1,
            starts_on=starts_on,
            ends_on=ends_on or selectors.term_default_end(starts_on),
            reason=ends_on_reason,
            decision=decision,
            poll=poll,
            resolution=resolution,
            note=appointed_note,
        )


def term_end(*, user: User | None, term: Term, ended_on: datetime.date, how: str) -> Term:
    """Record how a term ended: served out, stepped down early, or not re-appointed."""
    _require_secretariat(user)
    if how not in TermEnd.values:
        raise ValidationError(_("Say how the term ended."), code="term-end-how")
    with transaction.atomic():
        term = Term.objects.select_for_update().get(pk=term.pk)
        if ended_on < term.starts_on or ended_on > term.ends_on:
            raise ValidationError(
                _("A term ends between its start and its statutory end."),
                code="term-end-outside-term",
            )
        if how == TermEnd.STEPPED_DOWN and ended_on == term.ends_on:
            how = TermEnd.SERVED_OUT
        term.ended_on = ended_on
        term.end_reason = how
        term.full_clean()
        term.save()
    return term


# Chair periods


def chair_period_set(
    *,
    user: User | None,
    commissioner: Commissioner,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    note: str = "",
) -> ChairPeriod:
    """A period in which `commissioner` chairs the board; periods do not overlap and fall
    within the commissioner's terms."""
    _require_secretariat(user)
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError(
            _("A chair period ends after it starts."), code="chair-ends-before-start"
        )
    last = ends_on or datetime.date.max
    with transaction.atomic():
        list(ChairPeriod.objects.select_for_update())
        for other in ChairPeriod.objects.exclude(commissioner=commissioner, starts_on=starts_on):
            if starts_on <= (other.ends_on or datetime.date.max) and other.starts_on <= last:
                raise ValidationError(
                    _("%(name)s chairs the board from %(date)s already.")
                    % {"name": other.commissioner, "date": other.starts_on.strftime("%d-%m-%Y")},
                    code="chair-overlap",
                )
        if not selectors.terms_on(starts_on).filter(commissioner=commissioner).exists():
            raise ValidationError(
                _("Only a commissioner in office chairs the board."), code="chair-not-on-board"
            )
        period, _created = ChairPeriod.objects.update_or_create(
            commissioner=commissioner,
            starts_on=starts_on,
            defaults={"ends_on": ends_on, "note": note.strip()},
        )
    return period


# Attendance


def board_attendance_record(
    *,
    user: User | None,
    meeting: Meeting,
    commissioner: Commissioner,
    present: bool,
    note: str = "",
) -> BoardAttendance:
    """Whether `commissioner` attended the board meeting; the meeting's own attendance list
    gets the same line (through the meetings app)."""
    from meetings import selectors as meeting_selectors
    from meetings import services as meeting_services
    from meetings.constants import AttendanceRole, MeetingKind

    _require_secretariat(user)
    if meeting.kind != MeetingKind.SUPERVISORY_BOARD:
        raise ValidationError(
            _("Board attendance is kept for supervisory board meetings."),
            code="attendance-not-board-meeting",
        )
    with transaction.atomic():
        row, _created = BoardAttendance.objects.update_or_create(
            meeting=meeting,
            commissioner=commissioner,
            defaults={"present": present, "note": note.strip()},
        )
        lines = meeting_selectors.attendance_rows(meeting)
        existing = next(
            (
                line
                for line in lines["present"] + lines["absent"]
                if line.person == commissioner.name
            ),
            None,
        )
        meeting_services.attendance_record(
            meeting=meeting,
            role=AttendanceRole.SUPERVISORY_BOARD,
            person=commissioner.name,
            present=present,
            note=note,
            row=existing,
        )
    return row


# Remuneration


def remuneration_record(
    *, user: User | None, commissioner: Commissioner, year: int, paid: int, unduly_paid: int = 0
) -> Remuneration:
    _require_secretariat(user)
    if paid < 0 or unduly_paid < 0:
        raise ValidationError(_("Amounts are not negative."), code="remuneration-negative")
    row, _created = Remuneration.objects.update_or_create(
        commissioner=commissioner, year=year, defaults={"paid": paid, "unduly_paid": unduly_paid}
    )
    return row


# Appointment proposals


def appointment_propose(
    *,
    user: User,
    commissioner: Commissioner,
    kind: str,
    meeting: Meeting,
    agenda_item: AgendaItem | None = None,
    vacancy=None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    ends_on_reason: str = "",
    secret: bool | None = None,
) -> AppointmentProposal:
    """Put a (re-)appointment to an assembly: an agenda item (the given one, or a new one)
    with a poll on persons, secret as the association's rule for decisions about persons
    says (statutes: secret by default) unless `secret` is given; its adoption creates the term."""
    from meetings import services as meeting_services
    from meetings.constants import ItemPurpose
    from voting import services as voting_services

    _require_secretariat(user)
    title = (
        _("Re-appointment of %(name)s")
        if kind == AppointmentKind.REAPPOINTMENT
        else _("Appointment of %(name)s")
    ) % {"name": commissioner}
    with transaction.atomic():
        if agenda_item is None:
            agenda_item = meeting_services.agenda_item_add(
                meeting=meeting,
                user=user,
                title=title,
                purpose=ItemPurpose.DECISION,
                proposal=title,
            )
        poll = voting_services.poll_create(
            meeting=meeting,
            user=user,
            question=title,
            agenda_item=agenda_item,
            decision_kind=DecisionKind.PERSONS,
            secret=secret,
        )
        proposal = AppointmentProposal(
            kind=kind,
            commissioner=commissioner,
            vacancy=vacancy,
            agenda_item=agenda_item,
            poll=poll,
            starts_on=starts_on,
            ends_on=ends_on,
            ends_on_reason=ends_on_reason,
        )
        proposal.full_clean()
        proposal.save()
    return proposal


def appointment_propose_in_writing(
    *,
    user: User | None,
    commissioner: Commissioner,
    kind: str,
    resolution: WrittenResolution,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    ends_on_reason: str = "",
) -> AppointmentProposal:
    """A (re-)appointment put to the members in writing (Civil Code 2:40)."""
    _require_secretariat(user)
    proposal = AppointmentProposal(
        kind=kind,
        commissioner=commissioner,
        resolution=resolution,
        starts_on=starts_on,
        ends_on=ends_on,
        ends_on_reason=ends_on_reason,
    )
    proposal.full_clean()
    proposal.save()
    return proposal


def term_reappoint_from_outcome(
    *,
    poll: Poll | None = None,
    resolution: WrittenResolution | None = None,
    adopted: bool,
    decision: Decision | None,
    user: User | None,
) -> Term | None:
    """The voting app's hook: a poll or a decision outside a meeting closed. When it decides
    a pending proposal, record the outcome and, if adopted, create the term against it."""
    proposal = selectors.proposal_for_outcome(poll=poll, resolution=resolution)
    if proposal is None:
        return None
    if not adopted:
        proposal.status = ProposalStatus.REJECTED
        proposal.save(update_fields=["status"])
        return None
    writer = term_reappoint if proposal.kind == AppointmentKind.REAPPOINTMENT else _appoint_from
    term = writer(
        user=None,
        commissioner=proposal.commissioner,
        decision=decision,
        poll=poll,
        resolution=resolution,
        starts_on=proposal.starts_on,
        ends_on=proposal.ends_on,
        ends_on_reason=proposal.ends_on_reason,
    )
    proposal.status = ProposalStatus.ADOPTED
    proposal.term = term
    proposal.save(update_fields=["status", "term"])
    if proposal.vacancy_id and proposal.vacancy.filled_on is None:
        proposal.vacancy.filled_on = term.starts_on
        proposal.vacancy.save(update_fields=["filled_on"])
    return term


def _check_term_decided_in_writing(term: Term) -> None:
    if term.resolution_id is None:
        raise ValidationError(
            _("Only a term decided outside a meeting is put to an assembly for ratification."),
            code="term-ratification-written-only",
        )


def _check_not_ratified_yet(term: Term) -> None:
    if term.ratified_by_id is not None or term.ratification_poll_id is not None:
        raise ValidationError(
            _("This term has been put to an assembly for ratification already."),
            code="term-ratification-once",
        )


def term_ratification_propose(
    *,
    user: User,
    term: Term,
    meeting: Meeting,
    agenda_item: AgendaItem,
    question: str,
    secret: bool | None = None,
) -> Poll:
    """Ask an assembly to ratify a term decided in writing (Civil Code 2:40): a poll on
    persons on `agenda_item` (secret as the rule for persons says, unless `secret` is given);
    its adoption records the ratifying decision on the term
    (`term_ratify_from_outcome`). The term itself stands on the written decision."""
    from voting import services as voting_services

    _require_secretariat(user)
    with transaction.atomic():
        term = Term.objects.select_for_update().get(pk=term.pk)
        _check_term_decided_in_writing(term)
        _check_not_ratified_yet(term)
        poll = voting_services.poll_create(
            meeting=meeting,
            user=user,
            question=question,
            agenda_item=agenda_item,
            decision_kind=DecisionKind.PERSONS,
            secret=secret,
        )
        term.ratification_poll = poll
        term.full_clean()
        term.save(update_fields=["ratification_poll"])
    return poll


def term_ratify_from_outcome(
    *,
    poll: Poll | None = None,
    resolution: WrittenResolution | None = None,
    adopted: bool,
    decision: Decision | None,
    user: User | None,
) -> Term | None:
    """The voting app's hook: a ratification poll closed; when adopted, the decision that
    ratifies is kept on the term (a repeated call changes nothing)."""
    if poll is None or not adopted or decision is None:
        return None
    term = Term.objects.select_for_update().filter(ratification_poll=poll).first()
    if term is None or term.ratified_by_id is not None:
        return None
    term.ratified_by = decision
    term.save(update_fields=["ratified_by"])
    return term


def _appoint_from(
    *, user, commissioner, decision, poll, resolution, starts_on, ends_on, ends_on_reason
) -> Term:
    _check_decided_by_assembly(decision, poll, resolution)
    day = decision.date if decision is not None else timezone.localdate()
    return term_appoint(
        user=user,
        commissioner=commissioner,
        starts_on=starts_on or day,
        ends_on=ends_on,
        ends_on_reason=ends_on_reason,
        decision=decision,
        poll=poll,
        resolution=resolution,
    )


# Self-evaluation


def _check_evaluation_open(evaluation: Evaluation, today: datetime.date) -> None:
    if not evaluation.opens_on <= today <= evaluation.closes_on:
        raise ValidationError(_("This evaluation is not open."), code="evaluation-closed")


def _check_answers_complete(evaluation: Evaluation, scores: dict[int, int]) -> None:
    statements = set(evaluation.statements.values_list("pk", flat=True))
    if set(scores) != statements:
        raise ValidationError(_("Answer every statement."), code="evaluation-incomplete")
    if any(not SCORE_MIN <= score <= SCORE_MAX for score in scores.values()):
        raise ValidationError(
            _("Scores run from %(min)s to %(max)s.") % {"min": SCORE_MIN, "max": SCORE_MAX},
            code="evaluation-score-range",
        )


def evaluation_submit(
    *,
    evaluation: Evaluation,
    user: User,
    scores: dict[int, int],
    today: datetime.date | None = None,
) -> None:
    """Store one commissioner's answers without any link to him or her: a response with no
    author, and apart from it only the fact that this person answered (one transaction)."""
    selectors.require_evaluation_answerer(user)
    _check_evaluation_open(evaluation, today or timezone.localdate())
    _check_answers_complete(evaluation, scores)
    with transaction.atomic():
        _participation, created = EvaluationParticipation.objects.get_or_create(
            evaluation=evaluation, user=user
        )
        if not created:
            raise ValidationError(
                _("You have answered this evaluation already."), code="evaluation-answered-once"
            )
        response = EvaluationResponse.objects.create(evaluation=evaluation)
        EvaluationAnswer.objects.bulk_create(
            EvaluationAnswer(response=response, statement_id=pk, score=score)
            for pk, score in sorted(scores.items())
        )


# The roster as a PDF


def roster_document_request(*, on: datetime.date, user: User | None) -> Any:
    """The retirement roster on `on` as a PDF, through the document service."""
    from documents import services as document_services
    from documents.constants import DocumentKind
    from documents.inputs import association_header

    if user is not None:
        selectors.require_roster(user)
    context = {"association": association_header(), "roster": selectors.roster_document(on)}
    source, _created = RosterSnapshot.objects.get_or_create(on=on)
    return document_services.document_request(
        kind=DocumentKind.ROSTER,
        source=source,
        context=context,
        title=_("Retirement roster on %(date)s") % {"date": on.strftime("%d-%m-%Y")},
        requested_by=user,
    )
