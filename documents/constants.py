"""Choices of the document service."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RENDERING = "rendering", _("Rendering")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class DocumentKind(models.TextChoices):
    PROXY_LETTER = "proxy-letter", _("Proxy letter")
    AGENDA = "agenda", _("Agenda")
    ACTION_LIST = "action-list", _("Action list")
    DECISION_LIST = "decision-list", _("Decision list")
    MINUTES = "minutes", _("Minutes")
    MINUTES_CONFIDENTIAL = "minutes-confidential", _("Confidential annex to the minutes")
    ATTENDANCE_LIST = "attendance-list", _("Attendance list")
    POLL_RESULT = "poll-result", _("Poll result")
    ROSTER = "roster", _("Retirement roster of the supervisory board")
    ACCOUNTS_SUMMARY = "accounts-summary", _("Annual accounts: summary, checks and ratios")
    MEETING_PACK = "meeting-pack", _("Meeting pack")
    DECISION_NOTE = "decision-note", _("Decision note for the executive")
