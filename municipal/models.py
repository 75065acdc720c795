"""The municipality's records for one assembly: its dossier (the signed note and decision it
publishes), the executive's decision with a position per decision item, and the meeting packs
as rendered per entitlement."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from municipal.constants import Position


def dossier_upload_to(instance: Dossier, filename: str) -> str:
    # Private: downloads go through a permission check, never a guessable URL.
    return f"municipal/{instance.meeting_id}/{uuid.uuid4().hex}.pdf"


class Dossier(models.Model):
    """One member's file for one assembly: the source of its decision note and publication."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, related_name="+", verbose_name=_("meeting")
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    note_file = models.FileField(
        _("signed decision note (PDF)"), upload_to=dossier_upload_to, blank=True, max_length=255
    )
    decision_file = models.FileField(
        _("signed decision (PDF)"), upload_to=dossier_upload_to, blank=True, max_length=255
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dossier of a member for an assembly")
        verbose_name_plural = _("dossiers of members for assemblies")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="dossier_one_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member}, {self.meeting}"


class ExecutiveDecision(models.Model):
    """The executive's decision on the assembly (college van B&W): entered once by the
    member's secretary; it pre-fills the proxy and is the holder's mandate."""

    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="decision", verbose_name=_("dossier")
    )
    body = models.CharField(
        _("body"), max_length=100, help_text=_("Who decided, e.g. college van B&W.")
    )
    date = models.DateField(_("date of the decision"))
    note_number = models.CharField(
        _("note number"), max_length=50, help_text=_("For example 2020-001138.")
    )
    holder_name = models.CharField(
        _("authorised holder"),
        max_length=200,
        blank=True,
        help_text=_("Blank: the member's own representative attends and votes."),
    )
    holder_function = models.CharField(_("holder's function"), max_length=200, blank=True)
    holder_organisation = models.CharField(_("holder's organisation"), max_length=200, blank=True)
    holder_email = models.EmailField(_("holder's e-mail"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision of the executive")
        verbose_name_plural = _("decisions of the executive")

    def __str__(self) -> str:
        return f"{self.body} {self.date:%d-%m-%Y} ({self.note_number})"


class ExecutivePosition(models.Model):
    """The executive's position on one decision item of the assembly."""

    decision = models.ForeignKey(
        ExecutiveDecision,
        on_delete=models.CASCADE,
        related_name="positions",
        verbose_name=_("decision"),
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    position = models.CharField(
        _("position"), max_length=10, choices=Position.choices, default=Position.FREE
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position of the executive")
        verbose_name_plural = _("positions of the executive")
        ordering = ["agenda_item__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "agenda_item"], name="executive_position_one_per_item"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agenda_item}: {self.get_position_display()}"


class MeetingPack(models.Model):
    """The meeting pack of everyone entitled to the same annexes: one per set of annexes, so
    that readers with the same entitlement share one rendered document."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, related_name="+", verbose_name=_("meeting")
    )
    entitlement = models.CharField(
        _("entitlement"),
        max_length=64,
        help_text=_("SHA-256 of the annexes the readers of this pack may see."),
    )
    with_confidential = models.BooleanField(_("with the confidential annexes"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting pack")
        verbose_name_plural = _("meeting packs")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "entitlement"], name="meeting_pack_one_per_entitlement"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} ({self.entitlement[:8]})"
