"""What the meetings services share: the rules on who prepares and runs a meeting, and the lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from dimpact_portal.rules import RuleDenied
from meetings.models import Meeting
from meetings.selectors import can_run_meetings, only_secretariat_prepares

if TYPE_CHECKING:
    from accounts.models import User

__all__ = ["lock", "only_chair_or_secretariat_runs", "only_secretariat_prepares"]


def lock(meeting: Meeting) -> Meeting:
    """The meeting re-read with its row locked until the transaction ends."""
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def only_chair_or_secretariat_runs(user: User) -> None:
    if not can_run_meetings(user):
        raise RuleDenied(
            _("Only the chair or the secretariat opens and closes a meeting."),
            code="meeting-chair-or-secretariat-only",
        )
