"""Roles of the association's people."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Association-wide roles, kept as auth groups so an administrator can assign them.

    The member-bound roles (a member's secretary or representative) are mandates in the
    member register, with dates; see `members.models.Mandate`.
    """

    SECRETARIAT = "secretariat", _("Board secretariat")
    CHAIR = "chair", _("Chair")
    SUPERVISORY_BOARD = "supervisory_board", _("Supervisory board member")
    CONTROLLER = "controller", _("Controller")
