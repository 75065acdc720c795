"""Models of the member register (statutes art. 5) and the association's statute settings."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.constants import MandateKind, ProposalStatus, Region, SizeClass


class Association(models.Model):
    """The association and the rules its statutes leave to it; Dimpact's values are the defaults.

    There is one row; `members.selectors.association_current()` returns it.
    """

    name = models.CharField(_("name"), max_length=200, default="Coöperatie Dimpact U.A.")
    short_name = models.CharField(_("short name"), max_length=50, default="Dimpact")
    chamber_of_commerce_number = models.CharField(
        _("Chamber of Commerce number"), max_length=20, blank=True
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    seat = models.CharField(_("statutory seat"), max_length=100, blank=True)
    postal_address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("As it appears in the address block of letters to the association."),
    )
    addressee = models.CharField(
        _("addressee of letters"),
        max_length=200,
        blank=True,
        help_text=_("For example: T.a.v. de directeur-bestuurder."),
    )
    max_proxies_per_holder = models.PositiveSmallIntegerField(
        _("maximum proxies per holder"),
        default=3,
        help_text=_("How many members one person may represent by proxy at one meeting."),
    )
    member_vote_weight = models.PositiveSmallIntegerField(
        _("votes per member"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("Each member has an equal vote of this weight."),
    )
    leaving_notice_months = models.PositiveSmallIntegerField(
        _("notice period for leaving (months)"), default=12
    )
    max_leavers_per_year = models.PositiveSmallIntegerField(
        _("maximum members leaving per year"),
        null=True,
        blank=True,
        help_text=_("Blank: the statutes set no limit."),
    )
    supervisory_term_years = models.PositiveSmallIntegerField(
        _("supervisory board term (years)"), default=4
    )
    supervisory_max_terms = models.PositiveSmallIntegerField(
        _("supervisory board terms at most"), default=2
    )
    proxy_change_minutes_before_start = models.PositiveIntegerField(
        _("proxies close (minutes before the meeting starts)"),
        default=0,
        validators=[MaxValueValidator(60 * 24 * 90)],
        help_text=_(
            "Until then a member's secretary may change or revoke its proxy; afterwards only "
            "the secretariat can, with a reason. 0: at the start of the meeting."
        ),
    )
    proxy_reminder_days = models.PositiveSmallIntegerField(
        _("remind secretaries (days before the meeting)"),
        default=7,
        help_text=_(
            "Secretaries of members with neither a registered representative nor a proxy get "
            "a reminder this many days before an assembly."
        ),
    )
    proxy_signed_letter_required = models.BooleanField(
        _("a signed proxy letter is required"),
        default=True,
        help_text=_(
            "On: the secretary uploads the letter signed by the mayor. Off: the proxy filed "
            "in the portal, with its record, is the proxy."
        ),
    )
    ballot_change_allowed = models.BooleanField(
        _("a ballot may be changed until the poll closes"),
        default=False,
        help_text=_(
            "Named polls only: a secret ballot cannot be changed, as its choice is not kept."
        ),
    )
    remote_meetings_allowed = models.BooleanField(
        _("meetings may be held online or hybrid"),
        default=True,
        help_text=_(
            "As the statutes and the law of the day allow (the ALV of 17 June 2020 was a video "
            "call under the temporary COVID-19 act). Off: remote voting is not offered."
        ),
    )
    voting_requires_two_factor = models.BooleanField(
        _("voters log in with two factors"),
        default=False,
        help_text=_("On: casting a ballot needs a log-in confirmed with an authenticator app."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")

    def __str__(self) -> str:
        return self.name


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
                violation_error_message=_("A mandate cannot end before it starts."),
            ),
            # At most one open-ended representative and one open-ended secretary per member.
            models.UniqueConstraint(
                fields=["member", "kind"],
                condition=Q(ends_on__isnull=True),
                name="one_open_mandate_per_member_and_kind",
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
            ),
        ]

    def __str__(self) -> str:
        return _("Change for %(member)s of %(date)s") % {
            "member": self.member,
            "date": self.proposed_at.date() if self.proposed_at else "",
        }


class DecisionRule(models.Model):
    """Majority and quorum for one kind of decision, as the statutes set them."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary decision")
        PERSONS = "persons", _("Decision about persons (appointment, election)")
        STATUTES = "statutes", _("Amendment of the statutes")

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="decision_rules",
        verbose_name=_("association"),
    )
    kind = models.CharField(_("kind of decision"), max_length=20, choices=Kind.choices)
    majority_numerator = models.PositiveSmallIntegerField(_("majority: numerator"), default=1)
    majority_denominator = models.PositiveSmallIntegerField(
        _("majority: denominator"), default=2, validators=[MinValueValidator(1)]
    )
    majority_strict = models.BooleanField(
        _("more than the fraction"),
        default=True,
        help_text=_(
            "On: more than the fraction of the votes cast (a simple majority is more than "
            "1/2). Off: at least the fraction (two thirds: at least 2/3)."
        ),
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (percent of the members present or represented)"),
        default=0,
        validators=[MaxValueValidator(100)],
    )
    secret = models.BooleanField(_("secret ballot by default"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision rule")
        verbose_name_plural = _("decision rules")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "kind"], name="decision_rule_one_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(majority_numerator__lte=models.F("majority_denominator")),
                name="decision_rule_fraction_at_most_one",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
