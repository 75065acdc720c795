"""Choices of the member register."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    NORTH = "north", _("North")
    EAST = "east", _("East")
    SOUTH = "south", _("South")
    WEST = "west", _("West")


class SizeClass(models.TextChoices):
    LARGE = "100k_plus", _("100,000+")
    MEDIUM = "50k_100k", _("50,000–100,000")  # noqa: RUF001 (an en dash for a range)
    SMALL = "under_50k", _("under 50,000")


class MandateKind(models.TextChoices):
    REPRESENTATIVE = "representative", _("Representative (portefeuillehouder)")
    SECRETARY = "secretary", _("Municipal secretary")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the secretariat")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


# The member data a member's secretary may propose to change (the secretariat confirms).
PROPOSABLE_MEMBER_FIELDS = ("inhabitants", "postal_address", "email", "website")
