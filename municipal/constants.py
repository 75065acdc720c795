"""Choices of the municipal app. The executive's position on a decision item is the proxy's
voting instruction: `proxies.constants.Position`, re-exported here for this app's modules."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from proxies.constants import Position

__all__ = ["DossierFile", "Position", "PublicationKind"]


class DossierFile(models.TextChoices):
    """The signed documents a secretary uploads for the municipality's publication."""

    NOTE = "note", _("Decision note (signed)")
    DECISION = "decision", _("Decision of the executive (signed)")


class PublicationKind(models.TextChoices):
    """The document types of the publication package's metadata (Woo)."""

    AGENDA = "agenda", _("Agenda")
    ANNEX = "annex", _("Annex")
    DECISION_NOTE = "decision-note", _("Decision note")
    DECISION = "decision", _("Decision")
    DECISION_LIST = "decision-list", _("Decision list")
