"""A proxy (volmacht): who may speak and vote for a member at one assembly, on what authority,
and how the member's executive decided it should vote per item."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from proxies.constants import Position, ProxyStatus


def scan_upload_to(instance: Proxy, filename: str) -> str:
    # Private: downloads go through a permission check, never a guessable URL.
    return f"proxies/{instance.meeting_id}/{uuid.uuid4().hex}.pdf"


class ProxyQuerySet(models.QuerySet):
    def active(self) -> ProxyQuerySet:
        return self.filter(status=ProxyStatus.ACTIVE)


class Proxy(models.Model):
    """A member's authorisation of one person to speak and vote for it at one assembly."""

    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        related_name="proxies",
        verbose_name=_("meeting"),
    )
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="proxies",
        verbose_name=_("member (grants the proxy)"),
    )
    holder_name = models.CharField(_("holder"), max_length=200)
    holder_function = models.CharField(_("holder's function"), max_length=200, blank=True)
    holder_organisation = models.CharField(_("holder's organisation"), max_length=200, blank=True)
    holder_email = models.EmailField(_("holder's e-mail"))
    holder_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proxies_held",
        verbose_name=_("holder's account"),
    )
    holder_member = models.ForeignKey(
        "members.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("holder's own member"),
        help_text=_("When the holder represents or is the secretary of another member."),
    )
    # Blank only for proxies recorded after the fact (the demo's 10 March 2020); the form
    # requires both.
    signatory_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signatory_function = models.CharField(_("signatory's function"), max_length=200, blank=True)
    signed_on = models.DateField(_("date of the proxy"))
    decision_reference = models.CharField(
        _("decision of the executive"),
        max_length=100,
        blank=True,
        help_text=_("The number of the executive's decision, e.g. nota 2020-001138."),
    )
    decision_date = models.DateField(_("date of that decision"), null=True, blank=True)
    scan = models.FileField(
        _("signed letter (PDF)"), upload_to=scan_upload_to, blank=True, max_length=255
    )
    scan_size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProxyStatus.choices, default=ProxyStatus.ACTIVE
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("filed by"),
    )
    filed_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoke_reason = models.TextField(_("reason"), blank=True)
    invitation_sent_at = models.DateTimeField(_("holder invited at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ProxyQuerySet.as_manager()

    class Meta:
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        ordering = ["meeting", "member__name"]
        constraints = [
            # Two secretaries filing at once still leave one active proxy per member.
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(status=ProxyStatus.ACTIVE),
                name="proxy_one_active_per_member_and_meeting",
            ),
            models.CheckConstraint(
                condition=~Q(status=ProxyStatus.REVOKED) | Q(revoked_at__isnull=False),
                name="proxy_revoked_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.holder_name} ({self.meeting})"

    def get_absolute_url(self) -> str:
        return reverse("proxies:proxy-detail", args=[self.pk])


class VotingInstruction(models.Model):
    """The executive's position on one decision item, which the holder's ballot must follow."""

    proxy = models.ForeignKey(
        Proxy, on_delete=models.CASCADE, related_name="instructions", verbose_name=_("proxy")
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
        verbose_name = _("voting instruction")
        verbose_name_plural = _("voting instructions")
        ordering = ["agenda_item__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["proxy", "agenda_item"], name="instruction_one_per_item"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agenda_item}: {self.get_position_display()}"
