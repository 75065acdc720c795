"""The action list (numbered per body, carried over until done) and the decision list
(numbered per meeting, or on their own for decisions outside a meeting)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.constants import BODY_OF_KIND, ActionStatus, MeetingStatus
from meetings.models import ActionItem, AgendaItem, Decision, Meeting
from meetings.services._common import lock, only_secretariat_prepares

if TYPE_CHECKING:
    from accounts.models import User


def action_add(
    *,
    meeting: Meeting,
    user: User,
    text: str,
    owner: str,
    due_date: datetime.date | None = None,
    agenda_item: AgendaItem | None = None,
    number: int | None = None,
) -> ActionItem:
    """A new action, numbered on after the last action of the meeting's body."""
    only_secretariat_prepares(user)
    body = BODY_OF_KIND[meeting.kind]
    for _attempt in range(5):
        try:
            with transaction.atomic():
                last = ActionItem.objects.filter(body=body).aggregate(Max("number"))["number__max"]
                action = ActionItem(
                    body=body,
                    number=number or (last or 0) + 1,
                    meeting=meeting,
                    agenda_item=agenda_item,
                    text=text.strip(),
                    owner=owner.strip(),
                    due_date=due_date,
                )
                action.full_clean(validate_constraints=False)
                action.save()
                return action
        except IntegrityError:
            # The database's unique number per body: a chosen number is taken, or a
            # concurrent action took the next one (then try again with the new last).
            if number is not None:
                raise ValidationError(
                    _("Action %(number)s exists already.") % {"number": number},
                    code="action-number-taken",
                ) from None
    raise ValidationError(
        _("The action could not be numbered; try again."), code="action-number-contended"
    )


def action_close(
    *, action: ActionItem, user: User, in_meeting: Meeting | None = None, note: str = ""
) -> ActionItem:
    only_secretariat_prepares(user)
    with transaction.atomic():
        action = ActionItem.objects.select_for_update().get(pk=action.pk)
        if action.status == ActionStatus.DONE:
            return action
        action.status = ActionStatus.DONE
        action.closed_in = in_meeting
        action.closed_on = in_meeting.date if in_meeting else timezone.localdate()
        action.closing_note = note.strip()
        action.full_clean()
        action.save()
    return action


def action_reopen(*, action: ActionItem, user: User) -> ActionItem:
    only_secretariat_prepares(user)
    with transaction.atomic():
        action = ActionItem.objects.select_for_update().get(pk=action.pk)
        action.status = ActionStatus.OPEN
        action.closed_in = None
        action.closed_on = None
        action.save()
    return action


def _check_decisions_after_convening(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.DRAFT:
        raise ValidationError(
            _("Decisions are recorded once the meeting has been convened."),
            code="decision-before-convening",
        )


def _check_decision_has_text(text: str) -> None:
    if not text.strip():
        raise ValidationError(_("A decision needs its text."), code="decision-text-required")


def decision_add(
    *,
    meeting: Meeting,
    user: User,
    text: str,
    agenda_item: AgendaItem | None = None,
    date: datetime.date | None = None,
    confidential: bool = False,
) -> Decision:
    """A decision the secretariat enters in the meeting's decision list."""
    only_secretariat_prepares(user)
    _check_decisions_after_convening(meeting)
    return record_decision(
        meeting=meeting,
        user=user,
        text=text,
        agenda_item=agenda_item,
        date=date,
        confidential=confidential,
    )


def decision_record(
    *,
    meeting: Meeting | None,
    text: str,
    agenda_item: AgendaItem | None = None,
    date: datetime.date | None = None,
    user: User | None = None,
) -> Decision:
    """Add a decision taken by a poll or in writing to the decision list. For other apps'
    services (voting), which check who may take it."""
    return record_decision(
        meeting=meeting, user=user, text=text, agenda_item=agenda_item, date=date
    )


def record_decision(
    *,
    meeting: Meeting | None,
    user: User | None,
    text: str,
    agenda_item: AgendaItem | None = None,
    date: datetime.date | None = None,
    confidential: bool = False,
) -> Decision:
    """The next number of the meeting's decision list (or of those outside a meeting)."""
    _check_decision_has_text(text)
    with transaction.atomic():
        if meeting is not None:
            lock(meeting)  # numbers are given out one at a time per meeting
            last = meeting.decisions.aggregate(Max("number"))["number__max"]
        else:
            # Decisions outside a meeting have their own numbers; the last one's row is locked.
            list(Decision.objects.select_for_update().filter(meeting=None).order_by("-number")[:1])
            last = Decision.objects.filter(meeting=None).aggregate(Max("number"))["number__max"]
        decision = Decision(
            meeting=meeting,
            number=(last or 0) + 1,
            date=date or (meeting.date if meeting else timezone.localdate()),
            text=text.strip(),
            agenda_item=agenda_item,
            confidential=confidential,
            recorded_by=user,
        )
        decision.full_clean(validate_constraints=False)
        decision.save()
    return decision
