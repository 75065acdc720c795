"""What the voting services share: the chair's guard, the poll lock and the page version."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dimpact_portal.rules import RuleDenied
from voting import selectors

if TYPE_CHECKING:
    from accounts.models import User

# A transaction-level advisory lock per poll: ballots take it shared and do not block each
# other; closing takes it exclusively, so it waits for the ballots in progress and the ballots
# after it wait for the close (and then find the poll closed). Unlike a row lock (FOR SHARE)
# it writes nothing, which matters when a thousand ballots arrive in the same second.
POLL_LOCK_CLASS = 7001


def _check_chair(user: User) -> None:
    """Only the chair and the secretariat run the meeting: polls and the item discussed."""
    if not selectors.can_run_meeting(user):
        raise RuleDenied(
            _("Only the chair and the secretariat run the meeting."), code="poll-chair-only"
        )


def _check_item_of_meeting(agenda_item, meeting) -> None:
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError(
            _("That agenda item belongs to another meeting."), code="poll-item-other-meeting"
        )


def _bump(meeting_pk: int) -> None:
    """A poll opened or closed: every voter's page reloads its ballots (the status answers
    from the database, voting/status.py)."""
    from voting.status import voting_changed

    voting_changed(meeting_pk)


def _submission_token(value, *, name: str | None = None) -> uuid.UUID | None:
    """The submission's token as a UUID (derived per member `name` when given); a token that
    is not one means the page is out of date."""
    if not value:
        return None
    try:
        token = uuid.UUID(str(value))
    except ValueError:
        raise ValidationError(
            _("This form is out of date; reload the page and vote again."),
            code="ballot-form-out-of-date",
        ) from None
    return uuid.uuid5(token, name) if name is not None else token
