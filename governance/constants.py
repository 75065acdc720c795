"""Choices and fixed values of the supervisory board app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CommissionerKind(models.TextChoices):
    BOUND = "bound", _("Bound (works at a member)")
    UNBOUND = "unbound", _("Unbound (external)")


class Portfolio(models.TextChoices):
    CHAIR = "chair", _("Chair, strategy and new developments")
    ICT = "ict", _("ICT")
    LEGAL = "legal", _("Legal")
    COMMUNICATION = "communication", _("Communication")
    HR = "hr", _("HR")
    FINANCE = "finance", _("Finance (resources)")


class TermEnd(models.TextChoices):
    SERVED_OUT = "served_out", _("Served out")
    STEPPED_DOWN = "stepped_down", _("Stepped down")
    NOT_REAPPOINTED = "not_reappointed", _("Not re-appointed")


class AppointmentKind(models.TextChoices):
    APPOINTMENT = "appointment", _("Appointment")
    REAPPOINTMENT = "reappointment", _("Re-appointment")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("status", "Put to the assembly")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Not adopted")


class EvaluationCategory(models.TextChoices):
    """The four categories of the seed's questionnaire (annual report 2019, "Zelfevaluatie")."""

    INTERPLAY = "interplay", _("Interplay between the supervisory board and the board")
    TEAM = "team", _("Team effectiveness of the supervisory board")
    INDIVIDUALS = "individuals", _("Functioning of the individual members")
    CHAIR = "chair", _("Functioning of the chair")


# Answers to a statement: 1 (disagree entirely) to 5 (agree entirely).
SCORE_MIN, SCORE_MAX = 1, 5
# Aggregates are shown only from this many responses, so that none can be singled out.
EVALUATION_MIN_RESPONSES = 3
# Besides the association's alert setting, a last reminder this many months before the end.
FINAL_ALERT_MONTHS = 1
# The threshold recorded for "this term ended without a decision".
LAPSED_ALERT = 0
# Short labels for a narrow column (the roster PDF).
KIND_SHORT = {CommissionerKind.BOUND: _("bound"), CommissionerKind.UNBOUND: _("unbound")}
