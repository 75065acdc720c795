"""Models of the member register (statutes art. 5)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.constants import MandateKind, ProposalStatus, Region, SizeClass


class Service(models.Model):
    """A service the association provides and members take (e-Suite, BZM, WIM, …)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class MemberQuerySet(models.QuerySet):
    def on_register(self, on: datetime.date) -> MemberQuerySet:
        """Members on the register on date `on`: joined on or before it and not yet left.

        A blank joining date means the member joined before the earliest register we hold.
        """
        joined = Q(joined_on__isnull=True) | Q(joined_on__lte=on)
        not_left = Q(left_on__isnull=True) | Q(left_on__gt=on)
        return self.filter(joined & not_left)


class Member(models.Model):
    """A member of the association: a municipality or another public body."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    region = models.CharField(_("region"), max_length=10, choices=Region.choices)
    size_class = models.CharField(_("size class"), max_length=10, choices=SizeClass.choices)
    inhabitants = models.PositiveIntegerField(
        _("inhabitants"),
        null=True,
        blank=True,
        help_text=_("CBS figure of the reference date; blank when not known."),
    )
    inhabitants_on = models.DateField(_("inhabitants on"), null=True, blank=True)
    joined_on = models.DateField(
        _("joined on"),
        null=True,
        blank=True,
        help_text=_("Blank: before the earliest register the portal holds."),
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    notice_given_on = models.DateField(
        _("notice of leaving given on"),
        null=True,
        blank=True,
        help_text=_("The day the member gave notice that it leaves the association."),
    )
    postal_address = models.TextField(_("postal address"), blank=True)
    email = models.EmailField(_("general e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    services = models.ManyToManyField(
        Service, verbose_name=_("services taken"), blank=True, related_name="members"
    )
    history = HistoricalRecords(m2m_fields=[services])

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ("name",)
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="member_left_after_joined",
                violation_error_code="member-leaving-before-joining",
                violation_error_message=_("A member cannot leave before it joined."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:member-detail", args=[self.slug])

    def is_on_register(self, on: datetime.date) -> bool:
        """The same test as `Member.objects.on_register(on)`, for a member already loaded."""
        return (self.joined_on is None or self.joined_on <= on) and (
            self.left_on is None or self.left_on > on
        )


class MandateQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> MandateQuerySet:
        on = on or datetime.date.today()
        started = Q(starts_on__isnull=True) | Q(starts_on__lte=on)
        not_ended = Q(ends_on__isnull=True) | Q(ends_on__gte=on)
        return self.filter(started & not_ended)


class Mandate(models.Model):
    """A person acting for a member as its representative or its secretary, for a period."""

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="mandates"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MandateKind.choices)
    salutation = models.CharField(
        _("salutation"), max_length=20, blank=True, help_text=_("For example: de heer, mevrouw.")
    )
    name = models.CharField(_("name"), max_length=200)
    function_title = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mandates",
        help_text=_("The portal account of this person, if they have one."),
    )
    starts_on = models.DateField(
        _("starts on"),
        null=True,
        blank=True,
        help_text=_("Blank: before the earliest register the portal holds."),
    )
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where this fact comes from, e.g. the register of 31-12-2019."),
    )
    history = HistoricalRecords()

    objects = MandateQuerySet.as_manager()

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ("member__name", "kind", "-starts_on")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="mandate_ends_after_start",
                violation_error_code="mandate-ends-after-start",
                violation_error_message=_("A mandate cannot end before it starts."),
            ),
            # At most one open-ended representative and one open-ended secretary per member.
            models.UniqueConstraint(
                fields=["member", "kind"],
                condition=Q(ends_on__isnull=True),
                name="one_open_mandate_per_member_and_kind",
                violation_error_code="mandate-one-current-per-kind",
                violation_error_message=_(
                    "This member already has a current person in this role; end that first."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.get_kind_display()}, {self.member})"

    @property
    def display_name(self) -> str:
        return f"{self.salutation} {self.name}".strip()


class ChangeProposal(models.Model):
    """A member's secretary reports a change; the secretariat confirms or rejects it.

    `changes` holds what was proposed and `previous` what the register said when it was
    decided, so the history keeps both sides whatever the outcome.
    """

    member = models.ForeignKey(
        Member, verbose_name=_("member"), on_delete=models.PROTECT, related_name="change_proposals"
    )
    changes = models.JSONField(
        _("proposed changes"),
        help_text=_("Member fields and new representative or secretary, as proposed."),
    )
    previous = models.JSONField(_("register before the decision"), default=dict, blank=True)
    reason = models.TextField(_("explanation"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="change_proposals",
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decided_change_proposals",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note with the decision"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("change proposal")
        verbose_name_plural = _("change proposals")
        ordering = ("-proposed_at",)
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ProposalStatus.PENDING, decided_at__isnull=True)
                | (~Q(status=ProposalStatus.PENDING) & Q(decided_at__isnull=False)),
                name="proposal_decided_iff_not_pending",
                violation_error_code="proposal-decided-iff-not-pending",
            ),
        ]

    def __str__(self) -> str:
        return _("Change for %(member)s of %(date)s") % {
            "member": self.member,
            "date": self.proposed_at.date() if self.proposed_at else "",
        }
