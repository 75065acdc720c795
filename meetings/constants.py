"""Choices of the meetings app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    ALV = "alv", _("General assembly (ALV)")
    EXTRA_ALV = "extra_alv", _("Extraordinary general assembly")
    SUPERVISORY_BOARD = "supervisory_board", _("Supervisory board meeting")
    COORDINATORS = "coordinators", _("Coordinators' meeting")
    STRATEGY_COMMITTEE = "strategy_committee", _("Strategy and policy committee")
    CUSTOMER_COUNCIL = "customer_council", _("Customer council of a service")


# Assemblies of the members: their documents are for every member's representative and secretary.
ASSEMBLY_KINDS = frozenset({MeetingKind.ALV, MeetingKind.EXTRA_ALV})
# Bodies whose open actions carry over together: both kinds of ALV are one body.
BODY_OF_KIND = {
    MeetingKind.ALV: "alv",
    MeetingKind.EXTRA_ALV: "alv",
    MeetingKind.SUPERVISORY_BOARD: "supervisory_board",
    MeetingKind.COORDINATORS: "coordinators",
    MeetingKind.STRATEGY_COMMITTEE: "strategy_committee",
    MeetingKind.CUSTOMER_COUNCIL: "customer_council",
}


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONVENED = "convened", _("Convened")
    IN_SESSION = "in_session", _("In session")
    CLOSED = "closed", _("Closed")
    MINUTES_ADOPTED = "minutes_adopted", _("Minutes adopted")


# Until the meeting starts the agenda can change; afterwards only minutes and lists.
AGENDA_OPEN = (MeetingStatus.DRAFT, MeetingStatus.CONVENED)
# After the meeting: nothing about it changes but its minutes, and its decisions may be published.
MEETING_OVER = (MeetingStatus.CLOSED, MeetingStatus.MINUTES_ADOPTED)


class MeetingFormat(models.TextChoices):
    PHYSICAL = "physical", _("In person")
    HYBRID = "hybrid", _("Hybrid")
    DIGITAL = "digital", _("Video call")


class ItemPurpose(models.TextChoices):
    DECISION = "decision", _("For decision")
    INFORMATION = "information", _("For information")
    DISCUSSION = "discussion", _("For discussion")


class StandardItem(models.TextChoices):
    OPENING = "opening", _("Opening and adoption of the agenda")
    ANNOUNCEMENTS = "announcements", _("Announcements")
    PREVIOUS_MINUTES = "previous_minutes", _("Minutes of the previous meeting")
    ANY_OTHER_BUSINESS = "any_other_business", _("Any other business")
    CLOSING = "closing", _("Closing")


# The standard agenda of a new meeting (titles are the labels, in the association's language);
# subject items go between the minutes and any other business.
STANDARD_AGENDA = (
    StandardItem.OPENING,
    StandardItem.ANNOUNCEMENTS,
    StandardItem.PREVIOUS_MINUTES,
    StandardItem.ANY_OTHER_BUSINESS,
    StandardItem.CLOSING,
)


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")


class ApprovalResult(models.TextChoices):
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CORRECTION = "approved_with_correction", _("Approved with correction")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class AttendanceRole(models.TextChoices):
    MEMBER = "member", _("For a member")
    SUPERVISORY_BOARD = "supervisory_board", _("Supervisory board")
    MINUTE_TAKER = "minute_taker", _("Minute-taker")
    STAFF = "staff", _("Staff")
    GUEST = "guest", _("Guest")


class AnnexChangeKind(models.TextChoices):
    REPLACED = "replaced", _("File replaced")
    EDITED = "edited", _("Details changed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Corrections the invitees are told of (once each).
ANNEX_CHANGES_TOLD = (AnnexChangeKind.REPLACED, AnnexChangeKind.WITHDRAWN)

# What the secretariat edits of a meeting: the form's fields and what the services accept.
MEETING_FIELDS = (
    "kind",
    "title",
    "date",
    "start_time",
    "end_time",
    "format",
    "location",
    "video_url",
    "invitees",
    "service",
)
