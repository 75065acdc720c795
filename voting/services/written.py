"""Decisions outside a meeting (Civil Code 2:40): put a proposal to every member entitled,
collect the answers, and close it: adopted only by unanimity."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.roles import is_secretariat
from dimpact_portal.rules import RuleDenied
from meetings import services as meeting_services
from members.selectors import is_secretary_of, member_register, members_of_representative
from voting.constants import Answer, ResolutionStatus
from voting.models import WrittenAnswer, WrittenResolution
from voting.services.outcomes import outcome_handlers_run

if TYPE_CHECKING:
    from accounts.models import User
    from members.models import Member


def _check_secretariat(user: User, message: str) -> None:
    """Only the secretariat prepares, puts and closes a decision outside a meeting."""
    if not is_secretariat(user):
        raise RuleDenied(message, code="resolution-secretariat-only")


def resolution_create(
    *, user: User, title: str, proposal: str, deadline: datetime.datetime
) -> WrittenResolution:
    _check_secretariat(user, _("Only the secretariat puts a proposal to the members."))
    resolution = WrittenResolution(
        title=title.strip(), proposal=proposal.strip(), deadline=deadline, created_by=user
    )
    resolution.full_clean()
    resolution.save()
    return resolution


def resolution_board_informed(
    *, resolution: WrittenResolution, user: User, on: datetime.date, note: str = ""
) -> WrittenResolution:
    _check_secretariat(user, _("Only the secretariat records the board's prior knowledge."))
    resolution.board_informed_on = on
    resolution.board_note = note.strip()
    resolution.save()
    return resolution


def _check_may_open(resolution: WrittenResolution) -> None:
    if resolution.status != ResolutionStatus.DRAFT:
        raise ValidationError(
            _("This proposal was put to the members already."), code="resolution-opened-already"
        )
    if resolution.board_informed_on is None:
        raise ValidationError(
            _("Record the board's prior knowledge first: a decision outside a meeting needs it."),
            code="resolution-board-informed-first",
        )
    if resolution.deadline <= timezone.now():
        raise ValidationError(
            _("The deadline has passed; set a later one."), code="resolution-deadline-passed"
        )


def resolution_open(*, resolution: WrittenResolution, user: User) -> WrittenResolution:
    """Put the proposal to every member entitled to vote today (that list is frozen)."""
    _check_secretariat(user, _("Only the secretariat puts a proposal to the members."))
    with transaction.atomic():
        resolution = WrittenResolution.objects.select_for_update().get(pk=resolution.pk)
        _check_may_open(resolution)
        resolution.entitled = [
            {"member": m.pk, "name": m.name}
            for m in member_register(on=timezone.localdate()).order_by("name")
        ]
        resolution.status = ResolutionStatus.OPEN
        resolution.opened_at = timezone.now()
        resolution.save()
        outcome_handlers_run(
            resolution=resolution,
            adopted=bool(resolution.adopted),
            decision=resolution.decision,
            user=user,
        )
    return resolution


def _check_answerer(user: User, member: Member) -> None:
    if not (
        is_secretary_of(user, member)
        or members_of_representative(user).filter(pk=member.pk).exists()
    ):
        raise RuleDenied(
            _("Only this member's secretary or representative answers for it."),
            code="resolution-own-member-only",
        )


def _check_answerable(resolution: WrittenResolution, member: Member) -> None:
    if resolution.status != ResolutionStatus.OPEN or resolution.deadline <= timezone.now():
        raise ValidationError(
            _("Answers are no longer accepted for this proposal."), code="resolution-not-open"
        )
    if member.pk not in {entry["member"] for entry in resolution.entitled}:
        raise ValidationError(
            _("%(member)s is not among the members asked.") % {"member": member},
            code="resolution-member-not-asked",
        )


def resolution_answer(
    *, resolution: WrittenResolution, member: Member, user: User, answer: str
) -> WrittenAnswer:
    _check_answerer(user, member)
    if answer not in Answer.values:
        raise ValidationError(_("Consent, object or abstain."), code="resolution-answer-invalid")
    with transaction.atomic():
        resolution = WrittenResolution.objects.select_for_update().get(pk=resolution.pk)
        _check_answerable(resolution, member)
        row = WrittenAnswer.objects.filter(resolution=resolution, member=member).first()
        if row is None:
            row = WrittenAnswer(resolution=resolution, member=member)
        row.answer = answer
        row.answered_by = user
        row.full_clean(validate_constraints=False)
        row.save()
    return row


def _check_may_close(resolution: WrittenResolution, answers: dict, now: datetime.datetime) -> None:
    if resolution.status != ResolutionStatus.OPEN:
        raise ValidationError(
            _("Only a proposal put to the members can be closed."), code="resolution-not-open"
        )
    if now < resolution.deadline and len(answers) < len(resolution.entitled):
        raise ValidationError(
            _("Members may still answer until the deadline."),
            code="resolution-answers-until-deadline",
        )


def resolution_close(
    *, resolution: WrittenResolution, user: User, now: datetime.datetime | None = None
) -> WrittenResolution:
    """Adopted only if every member entitled consented (Civil Code 2:40(2)): an objection, an
    abstention or no answer means not adopted. The result enters the decision list."""
    _check_secretariat(user, _("Only the secretariat closes a decision outside a meeting."))
    now = now or timezone.now()
    with transaction.atomic():
        resolution = WrittenResolution.objects.select_for_update().get(pk=resolution.pk)
        answers = dict(resolution.answers.values_list("member_id", "answer"))
        _check_may_close(resolution, answers, now)
        entitled = [entry["member"] for entry in resolution.entitled]
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
                "title": resolution.title.strip().rstrip(". "),  # no ".;" before the result
                "result": resolution.result_text,
            }
        resolution.status = ResolutionStatus.CLOSED
        resolution.closed_at = now
        resolution.decision = meeting_services.decision_record(
            meeting=None, text=text, date=timezone.localtime(now).date(), user=user
        )
        resolution.save()
        outcome_handlers_run(
            resolution=resolution,
            adopted=bool(resolution.adopted),
            decision=resolution.decision,
            user=user,
        )
    return resolution
