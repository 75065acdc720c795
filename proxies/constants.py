"""Choices of the proxies app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProxyStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    REVOKED = "revoked", _("Revoked")


class Position(models.TextChoices):
    FREE = "free", _("Free (the holder decides)")
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class VoterVia(models.TextChoices):
    """How a member's one ballot is cast: by its representative, or by the holder of its proxy
    (the voting app stores these values on a ballot as `voting.constants.Via`)."""

    REPRESENTATIVE = "representative", _("Representative")
    PROXY = "proxy", _("Proxy holder")
