"""Kinds of decision, each with its own majority and quorum in the statutes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary decision")
    PERSONS = "persons", _("Decision about persons (appointment, election)")
    STATUTES = "statutes", _("Amendment of the statutes")
    DISSOLUTION = "dissolution", _("Dissolution of the association")
    WRITTEN = "written", _("Decision outside a meeting (in writing)")
