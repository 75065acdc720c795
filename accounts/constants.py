"""Roles of the association's people."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class Role(models.TextChoices):
    """Association-wide roles, kept as auth groups so an administrator can assign them.

    The member-bound roles (a member's secretary or representative) are mandates in the
    member register, with dates; see `members.models.Mandate`.
    """

    SECRETARIAT = "secretariat", _("Board secretariat")
    CHAIR = "chair", _("Chair")
    SUPERVISORY_BOARD = "supervisory_board", _("Supervisory board member")
    CONTROLLER = "controller", _("Controller")


# Django 6's label of an empty choice, which Django's own Dutch catalogue does not translate
# yet; named here so that our catalogue keeps its translation.
BLANK_CHOICE_LABEL = gettext_noop("- Select an option -")


class SecurityEventKind(models.TextChoices):
    """What an entry of the security audit trail records (`accounts.models.SecurityEvent`)."""

    LOCKED = "locked", _("Locked out (user name and address)")
    ADDRESS_LOCKED = "address-locked", _("Address locked (too many user names)")
    UNLOCKED = "unlocked", _("Unlocked by the secretariat")
    SESSIONS_ENDED = "sessions-ended", _("All sessions ended")
    DEACTIVATED = "deactivated", _("Account deactivated")
    TWO_FACTOR_ENROLLED = "two-factor-enrolled", _("Second factor set up")
    TWO_FACTOR_RESET = "two-factor-reset", _("Second factor removed")
    RECOVERY_CODES_MADE = "recovery-codes-made", _("Recovery codes made")
    RECOVERY_CODE_USED = "recovery-code-used", _("Recovery code used")
