"""Meetings: agendas with annexes, minutes, action and decision lists, attendance."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from meetings.constants import (
    ASSEMBLY_KINDS,
    ActionStatus,
    AnnexChangeKind,
    ApprovalResult,
    AttendanceRole,
    ItemPurpose,
    MeetingFormat,
    MeetingKind,
    MeetingStatus,
    MinutesStatus,
    StandardItem,
)


class MeetingQuerySet(models.QuerySet):
    """Reusable filters of meetings."""

    def assemblies(self) -> MeetingQuerySet:
        return self.filter(kind__in=ASSEMBLY_KINDS)

    def published(self) -> MeetingQuerySet:
        return self.filter(published_at__isnull=False)

    def upcoming(self, today) -> MeetingQuerySet:
        return self.filter(date__gte=today).exclude(status=MeetingStatus.DRAFT).order_by("date")


class Meeting(models.Model):
    """A meeting of a body (assembly, supervisory board, ...): draft → convened → in session →
    closed → minutes adopted."""

    kind = models.CharField(_("kind"), max_length=30, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    format = models.CharField(
        _("form"), max_length=20, choices=MeetingFormat.choices, default=MeetingFormat.PHYSICAL
    )
    location = models.CharField(
        _("place or video call"),
        max_length=200,
        blank=True,
        help_text=_("For example: Park Plaza, Utrecht."),
    )
    video_url = models.URLField(_("video call link"), blank=True)
    invitees = models.CharField(
        _("invitees"),
        max_length=200,
        blank=True,
        help_text=_("As it appears on the agenda, e.g. ALV-leden Dimpact."),
    )
    service = models.ForeignKey(
        "members.Service",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("service"),
        help_text=_("For a customer council: the service it is about."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT
    )
    convened_at = models.DateTimeField(_("convened at"), null=True, blank=True)
    convocation_sent_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("decisions published at"), null=True, blank=True)
    current_item = models.ForeignKey(
        "AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("item under discussion"),
    )
    seed_key = models.CharField(
        _("demo key"),
        max_length=60,
        blank=True,
        editable=False,
        help_text=_("Set on the demo meetings `load_seed` made, to find them again."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-date", "-start_time", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["seed_key"], condition=~Q(seed_key=""), name="meeting_unique_seed_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.date:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting-detail", args=[self.pk])

    @property
    def is_assembly(self) -> bool:
        return self.kind in ASSEMBLY_KINDS

    @property
    def is_demo_playground(self) -> bool:
        """The upcoming assembly `load_seed` adds for visitors to act in."""
        return self.seed_key.startswith("demo-")


class AgendaItem(models.Model):
    """A numbered item of a meeting's agenda; a standard item or a subject (for decision,
    information or discussion)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    standard = models.CharField(
        _("standard item"), max_length=30, choices=StandardItem.choices, blank=True
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=ItemPurpose.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    proposal = models.TextField(
        _("proposed decision"), blank=True, help_text=_("The decision put to the meeting.")
    )
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only for those entitled; minuted in a separate confidential annex."),
    )
    minutes_of = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minutes of"),
        help_text=_("For the item 'minutes of the previous meeting': the meeting minuted."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"],
                name="agenda_item_unique_position",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


def annex_upload_to(instance: Annex, filename: str) -> str:
    # Never guessable and never served as-is: downloads go through a permission check.
    return f"annexes/{instance.agenda_item.meeting_id}/{uuid.uuid4().hex}.pdf"


class Annex(models.Model):
    """An annex (bijlage 1a, 5b, ...) of an agenda item: its PDF, or announced to follow later."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="annexes", verbose_name=_("agenda item")
    )
    code = models.CharField(_("annex number"), max_length=10, help_text=_("For example 1a or 5."))
    title = models.CharField(_("title"), max_length=300)
    confidential = models.BooleanField(_("confidential"), default=False)
    file = models.FileField(_("file"), upload_to=annex_upload_to, blank=True, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    due_date = models.DateField(
        _("to follow by"),
        null=True,
        blank=True,
        help_text=_("Announce an annex that is sent later (nagezonden)."),
    )
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    arrival_notified_at = models.DateTimeField(_("invitees told at"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(
        _("version"), default=1, help_text=_("Goes up each time the file is replaced.")
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annex")
        verbose_name_plural = _("annexes")
        ordering = ["agenda_item__position", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "code"], name="annex_unique_code_per_item"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawn_reason=""),
                name="annex_withdrawal_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def is_available(self) -> bool:
        return bool(self.file) and self.withdrawn_at is None

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


def annex_change_upload_to(instance: AnnexChange, filename: str) -> str:
    return f"annexes/{instance.annex.agenda_item.meeting_id}/{uuid.uuid4().hex}.pdf"


class AnnexChange(models.Model):
    """A correction of an annex: its file replaced (the old file kept here), its details
    changed, or the annex withdrawn; invitees are told of a replacement or withdrawal once."""

    annex = models.ForeignKey(
        Annex, on_delete=models.CASCADE, related_name="changes", verbose_name=_("annex")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AnnexChangeKind.choices)
    summary = models.TextField(_("what changed"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    old_version = models.PositiveSmallIntegerField(_("replaced version"), null=True, blank=True)
    old_file = models.FileField(
        _("replaced file"), upload_to=annex_change_upload_to, blank=True, max_length=255
    )
    old_original_name = models.CharField(_("replaced file name"), max_length=255, blank=True)
    old_size = models.PositiveIntegerField(_("replaced size in bytes"), null=True, blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    made_at = models.DateTimeField(_("made at"), auto_now_add=True)
    notified_at = models.DateTimeField(_("invitees told at"), null=True, blank=True)

    class Meta:
        verbose_name = _("annex correction")
        verbose_name_plural = _("annex corrections")
        ordering = ["-made_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.annex.code}: {self.get_kind_display()}"


class Minutes(models.Model):
    """The minutes of one meeting; frozen once adopted (changes are recorded corrections)."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="minutes", verbose_name=_("meeting")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    minute_taker = models.CharField(_("minute-taker"), max_length=200, blank=True)
    adopted_in = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopted_minutes",
        verbose_name=_("adopted in"),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    approval_result = models.CharField(
        _("result"), max_length=30, choices=ApprovalResult.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=MinutesStatus.DRAFT)
                | (Q(adopted_on__isnull=False) & ~Q(approval_result="")),
                name="minutes_adopted_has_date_and_result",
            ),
        ]

    def __str__(self) -> str:
        return str(self.meeting)

    @property
    def is_adopted(self) -> bool:
        return self.status == MinutesStatus.ADOPTED


class MinutesEntry(models.Model):
    """What was said and decided on one agenda item."""

    minutes = models.ForeignKey(
        Minutes, on_delete=models.CASCADE, related_name="entries", verbose_name=_("minutes")
    )
    agenda_item = models.OneToOneField(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="minutes_entry",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("text"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes of an agenda item")
        verbose_name_plural = _("minutes of agenda items")
        ordering = ["agenda_item__position"]

    def __str__(self) -> str:
        return str(self.agenda_item)


class MinutesCorrection(models.Model):
    """A change to adopted minutes, with the decision that allowed it."""

    entry = models.ForeignKey(
        MinutesEntry, on_delete=models.PROTECT, related_name="corrections", verbose_name=_("item")
    )
    text_before = models.TextField(_("text before"))
    text_after = models.TextField(_("text after"))
    reason = models.TextField(_("reason"))
    decision = models.OneToOneField(
        "Decision", on_delete=models.PROTECT, related_name="correction", verbose_name=_("decision")
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    made_at = models.DateTimeField(_("made at"), auto_now_add=True)

    class Meta:
        verbose_name = _("correction of adopted minutes")
        verbose_name_plural = _("corrections of adopted minutes")
        ordering = ["made_at"]

    def __str__(self) -> str:
        return f"{self.entry}: {self.reason[:60]}"


class ActionItem(models.Model):
    """An action from a meeting; open actions carry over to the next meetings of the body."""

    body = models.CharField(_("body"), max_length=30, editable=False)
    number = models.PositiveIntegerField(_("number"))
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="actions", verbose_name=_("raised in")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("action"))
    owner = models.CharField(_("action by"), max_length=200)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    closed_in = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closed_actions",
        verbose_name=_("closed in"),
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_note = models.TextField(_("note on closing"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="action_unique_number"),
            models.CheckConstraint(
                condition=Q(status=ActionStatus.OPEN) | Q(closed_on__isnull=False),
                name="action_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class Decision(models.Model):
    """An entry of the decision list: numbered per meeting (or outside meetings) and dated."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("meeting"),
        help_text=_("Empty for a decision taken outside a meeting (in writing)."),
    )
    number = models.PositiveIntegerField(_("number"))
    date = models.DateField(_("date"))
    text = models.TextField(_("decision"))
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    confidential = models.BooleanField(
        _("confidential"), default=False, help_text=_("Left out of the public decision list.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="decision_unique_number"),
            models.UniqueConstraint(
                fields=["number"],
                condition=Q(meeting__isnull=True),
                name="decision_unique_number_outside_meetings",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"


class Attendance(models.Model):
    """One line of the attendance list: who attended (or was absent), and for whom."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    role = models.CharField(_("as"), max_length=30, choices=AttendanceRole.choices)
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member"),
    )
    person = models.CharField(_("attended by"), max_length=200, blank=True)
    present = models.BooleanField(_("present"), default=True)
    remark = models.CharField(_("remark"), max_length=300, blank=True)
    note = models.CharField(
        _("note"), max_length=100, blank=True, help_text=_("For example: vz. RvC, not.")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(member__isnull=False),
                name="attendance_one_row_per_member",
            ),
            models.CheckConstraint(
                condition=~Q(role=AttendanceRole.MEMBER) | Q(member__isnull=False),
                name="attendance_member_row_has_member",
            ),
        ]

    def __str__(self) -> str:
        return self.person or "—"
