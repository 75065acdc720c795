"""Choices of the municipal app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Position(models.TextChoices):
    """The executive's position on a decision item: the values of the proxy's voting
    instructions (`proxies.constants.Position`), kept here so that this app imports nothing of
    the proxies app, which reads this app's selectors (a test checks they stay equal)."""

    FREE = "free", _("Free (the holder decides)")
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


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
