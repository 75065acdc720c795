"""The association and its statute settings: one row, and a decision rule per kind of decision."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from statutes.constants import DecisionKind


class Association(models.Model):
    """The association and the rules its statutes leave to it; Dimpact's values are the defaults.

    There is one row; `statutes.selectors.association_current()` returns it.
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
    supervisory_alert_months = models.PositiveSmallIntegerField(
        _("warn before a supervisory board term ends (months)"),
        default=6,
        help_text=_("The secretariat and the chair are told this long before a term ends."),
    )
    supervisory_bound_target = models.PositiveSmallIntegerField(
        _("bound supervisory board members (target)"),
        default=5,
        help_text=_("Members working at a member municipality; always a majority."),
    )
    supervisory_unbound_target = models.PositiveSmallIntegerField(
        _("unbound supervisory board members (target)"), default=2
    )
    solvency_norm_percent = models.PositiveSmallIntegerField(
        _("solvency norm (percent)"),
        default=30,
        validators=[MaxValueValidator(100)],
        help_text=_("Equity as a share of total assets, at least."),
    )
    general_reserve_minimum = models.PositiveBigIntegerField(
        _("general reserve at least (euros)"),
        default=1_750_000,
        help_text=_("As the auditor advised."),
    )
    continuity_months_min = models.PositiveSmallIntegerField(
        _("continuity norm: months of costs covered, at least"), default=9
    )
    continuity_months_max = models.PositiveSmallIntegerField(
        _("continuity norm: months of costs covered, at most"), default=12
    )
    accounts_drawn_up_months = models.PositiveSmallIntegerField(
        _("annual accounts drawn up within (months after the year end)"),
        default=6,
        help_text=_("Civil Code 2:58: six months, unless the statutes say less."),
    )
    accounts_extension_months_max = models.PositiveSmallIntegerField(
        _("the assembly may extend that by at most (months)"),
        default=4,
        validators=[MaxValueValidator(4)],
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
    proxy_requires_executive_decision = models.BooleanField(
        _("a proxy names the executive's decision"),
        default=False,
        help_text=_(
            "On: a proxy is filed only with the number of the executive's decision. Off: a "
            "proxy can be filed without it (the decision is named when there is one)."
        ),
    )
    confidential_annexes_for_secretaries = models.BooleanField(
        _("members' secretaries read confidential annexes of an assembly"),
        default=False,
        help_text=_(
            "On: a member's secretary reads them as its representative does. Off: only the "
            "representatives, the supervisory board, the chair and the secretariat do; a "
            "secretary's meeting pack says which annexes it leaves out."
        ),
    )
    secret_tellers_needed = models.PositiveSmallIntegerField(
        _("tellers needed to count a secret poll"),
        default=2,
        validators=[MinValueValidator(1)],
        help_text=_(
            "A secret poll's result is decrypted when this many of its tellers (k of n, chosen "
            "when the poll opens) have confirmed the close with their teller key."
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


class DecisionRule(models.Model):
    """Majority and quorum for one kind of decision, as the statutes set them."""

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="decision_rules",
        verbose_name=_("association"),
    )
    kind = models.CharField(_("kind of decision"), max_length=20, choices=DecisionKind.choices)
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
                violation_error_code="decision-rule-fraction-at-most-one",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
