"""Choices of the voting app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from proxies.constants import VoterVia


class PollKind(models.TextChoices):
    MOTION = "motion", _("Motion (for, against, abstain)")
    ELECTION = "election", _("Election (a choice among candidates)")


class PollStatus(models.TextChoices):
    DRAFT = "draft", _("Prepared")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Choice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")
    CANDIDATE = "candidate", _("Candidate")


class Outcome(models.TextChoices):
    ADOPTED = "adopted", pgettext_lazy("poll outcome", "Adopted")
    REJECTED = "rejected", pgettext_lazy("poll outcome", "Rejected")
    ELECTED = "elected", _("Elected")
    NOT_ELECTED = "not_elected", _("Nobody elected")
    NO_QUORUM = "no_quorum", _("No quorum")


# Who casts a member's ballot is decided in one place (`proxies.selectors.voter_via`).
Via = VoterVia


class ResolutionStatus(models.TextChoices):
    DRAFT = "draft", _("Prepared")
    OPEN = "open", pgettext_lazy("resolution status", "Put to the members")
    CLOSED = "closed", _("Closed")


class Answer(models.TextChoices):
    CONSENT = "consent", _("Consents")
    OBJECT = "object", _("Objects")
    ABSTAIN = "abstain", _("Abstains")
