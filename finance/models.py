"""Annual accounts as data (statements, lines, notes, signatures), the assembly's proposals on
them, the budget and the tariffs. Amounts are whole euros (integers); tariff prices are cents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from finance.constants import (
    AccountsStatus,
    BudgetStatus,
    DeadlineKind,
    OpinionKind,
    ProposalKind,
    ProposalStatus,
    SignatoryRole,
    Statement,
)


class AnnualAccounts(models.Model):
    """One version of the annual accounts of a financial year (a correction is a new version)."""

    year = models.PositiveSmallIntegerField(_("financial year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=200, blank=True)
    entity = models.CharField(_("entity"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=AccountsStatus.choices, default=AccountsStatus.DRAFT
    )
    frozen = models.BooleanField(
        _("frozen"), default=False, help_text=_("Adopted accounts cannot be changed.")
    )
    auditor_firm = models.CharField(_("auditor's firm"), max_length=200, blank=True)
    auditor_signatory = models.CharField(_("signed for the firm by"), max_length=200, blank=True)
    auditor_date = models.DateField(_("date of the auditor's opinion"), null=True, blank=True)
    opinion_kind = models.CharField(
        _("kind of opinion"), max_length=20, choices=OpinionKind.choices, blank=True
    )
    appropriation_amount = models.BigIntegerField(
        _("result appropriated"), null=True, blank=True, help_text=_("Whole euros.")
    )
    appropriation_text = models.TextField(_("appropriation of the result"), blank=True)
    other_equity_movements = models.BigIntegerField(
        _("other movements in equity"),
        default=0,
        help_text=_("Movements in equity other than the result of the year, in whole euros."),
    )
    drawn_up_place = models.CharField(_("drawn up at"), max_length=100, blank=True)
    drawn_up_on = models.DateField(_("drawn up on"), null=True, blank=True)
    extension_months = models.PositiveSmallIntegerField(
        _("extension (months)"),
        default=0,
        help_text=_("Extension of the drawing-up period granted by the assembly (at most 4)."),
    )
    extension_decision = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision granting the extension"),
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item"),
        help_text=_("The assembly's agenda item at which the accounts are put."),
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adoption_decision = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adoption decision"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual accounts")
        verbose_name_plural = _("annual accounts")
        ordering = ("-year", "-version")
        constraints = [
            models.UniqueConstraint(fields=("year", "version"), name="finance_accounts_version"),
            models.CheckConstraint(
                condition=~Q(status=AccountsStatus.ADOPTED) | Q(frozen=True),
                name="finance_adopted_accounts_frozen",
            ),
            models.CheckConstraint(
                condition=Q(extension_months__lte=4), name="finance_extension_at_most_4"
            ),
        ]

    def __str__(self) -> str:
        return self.title or str(_("Annual accounts %(year)s") % {"year": self.year})


class StatementLine(models.Model):
    """A line of a statement, with its sub-lines (children), note number and prior-year amount."""

    accounts = models.ForeignKey(
        AnnualAccounts, on_delete=models.CASCADE, related_name="lines", verbose_name=_("accounts")
    )
    statement = models.CharField(_("statement"), max_length=10, choices=Statement.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    code = models.SlugField(_("code"), max_length=60)
    label = models.CharField(_("label"), max_length=200)
    total_label = models.CharField(
        _("label of the subtotal"), max_length=200, blank=True, help_text=_("e.g. Som der kosten")
    )
    note = models.CharField(_("note number"), max_length=10, blank=True)
    amount = models.BigIntegerField(_("amount"), null=True, blank=True)
    prior_amount = models.BigIntegerField(_("prior-year amount"), null=True, blank=True)
    position = models.PositiveIntegerField(pgettext_lazy("order", "position"), default=0)
    is_total = models.BooleanField(
        _("total"),
        default=False,
        help_text=_("The amount is the sum of the sub-lines or a formula."),
    )
    formula = models.CharField(
        _("formula"),
        max_length=300,
        blank=True,
        help_text=_("Other lines of these accounts this total is made of: 'gross-margin - costs'."),
    )
    reconcile = models.CharField(
        _("agrees with"),
        max_length=300,
        blank=True,
        help_text=_("Lines of other statements this line derives from: 'balance:cash@prior'."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("statement line")
        verbose_name_plural = _("statement lines")
        ordering = ("accounts", "statement", "position")
        constraints = [
            models.UniqueConstraint(fields=("accounts", "code"), name="finance_line_code"),
        ]

    def __str__(self) -> str:
        return self.label


class NoteTable(models.Model):
    """A sub-table of a note (e.g. the movements of the tangible fixed assets)."""

    accounts = models.ForeignKey(
        AnnualAccounts, on_delete=models.CASCADE, related_name="tables", verbose_name=_("accounts")
    )
    code = models.SlugField(_("code"), max_length=60)
    note = models.CharField(_("note number"), max_length=10, blank=True)
    title = models.CharField(_("title"), max_length=200)
    columns = models.JSONField(
        _("columns"), default=list, help_text=_("[{label, period: current|prior, line}]")
    )
    line = models.CharField(
        _("statement line"), max_length=60, blank=True, help_text=_("The line this table explains.")
    )
    row_of = models.JSONField(
        _("row of another table"),
        default=dict,
        blank=True,
        help_text=_("{table, label}: the row of another note table this table explains."),
    )
    negate = models.BooleanField(
        _("opposite sign"),
        default=False,
        help_text=_("The note shows the line's amount as positive."),
    )
    total_column = models.BooleanField(_("last column is the total"), default=False)
    remarks = models.TextField(_("remarks"), blank=True)
    position = models.PositiveIntegerField(pgettext_lazy("order", "position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("note table")
        verbose_name_plural = _("note tables")
        ordering = ("accounts", "position")
        constraints = [
            models.UniqueConstraint(fields=("accounts", "code"), name="finance_table_code"),
        ]

    def __str__(self) -> str:
        return self.title


class NoteRow(models.Model):
    """A row of a note table: amounts per column (or text), a total, a deduction, a provision."""

    table = models.ForeignKey(
        NoteTable, on_delete=models.CASCADE, related_name="rows", verbose_name=_("table")
    )
    label = models.CharField(_("label"), max_length=200)
    values = models.JSONField(_("values"), default=list)
    is_total = models.BooleanField(_("total of the rows above"), default=False)
    is_text = models.BooleanField(_("text, not amounts"), default=False)
    subtract = models.BooleanField(_("deducted in the total"), default=False)
    provision = models.BooleanField(
        _("provision"), default=False, help_text=_("A provision deducted from the gross amount.")
    )
    position = models.PositiveIntegerField(pgettext_lazy("order", "position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("note row")
        verbose_name_plural = _("note rows")
        ordering = ("table", "position")

    def __str__(self) -> str:
        return self.label


class Signature(models.Model):
    """A director's or supervisory board member's signature, or the reason it is missing."""

    accounts = models.ForeignKey(
        AnnualAccounts,
        on_delete=models.CASCADE,
        related_name="signatures",
        verbose_name=_("accounts"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=20, choices=SignatoryRole.choices)
    capacity = models.CharField(_("signs as"), max_length=200, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    missing_reason = models.TextField(_("reason the signature is missing"), blank=True)
    position = models.PositiveIntegerField(pgettext_lazy("order", "position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ("accounts", "position")
        constraints = [
            models.UniqueConstraint(fields=("accounts", "name"), name="finance_signature_once"),
        ]

    def __str__(self) -> str:
        return self.name


class FindingExplanation(models.Model):
    """The controller's explanation of a finding of the validation report (by the check's key)."""

    accounts = models.ForeignKey(
        AnnualAccounts,
        on_delete=models.CASCADE,
        related_name="explanations",
        verbose_name=_("accounts"),
    )
    check_key = models.CharField(_("check"), max_length=200)
    text = models.TextField(_("explanation"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("explanation of a finding")
        verbose_name_plural = _("explanations of findings")
        constraints = [
            models.UniqueConstraint(
                fields=("accounts", "check_key"), name="finance_explanation_once"
            ),
        ]

    def __str__(self) -> str:
        return self.check_key


class Budget(models.Model):
    """The budget of a year with the business plan, approved by the general assembly."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    business_plan = models.TextField(_("business plan"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=BudgetStatus.choices, default=BudgetStatus.DRAFT
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approval_decision = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approval decision"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ("-year",)

    def __str__(self) -> str:
        return self.title or str(_("Budget %(year)s") % {"year": self.year})


class BudgetLine(models.Model):
    """A line of the budget: income positive, costs negative, whole euros."""

    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="lines", verbose_name=_("budget")
    )
    label = models.CharField(_("label"), max_length=200)
    amount = models.BigIntegerField(_("amount"))
    position = models.PositiveIntegerField(pgettext_lazy("order", "position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ("budget", "position")

    def __str__(self) -> str:
        return self.label


class AssemblyProposal(models.Model):
    """A finance proposal put to the assembly (adopt the accounts, one discharge, the budget),
    with the poll or written resolution that decides it and the decision it gave."""

    kind = models.CharField(_("kind"), max_length=30, choices=ProposalKind.choices)
    accounts = models.ForeignKey(
        AnnualAccounts,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("accounts"),
    )
    budget = models.ForeignKey(
        Budget,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("budget"),
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    question = models.TextField(_("proposal put to the vote"))
    poll = models.OneToOneField(
        "voting.Poll",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("poll"),
    )
    resolution = models.OneToOneField(
        "voting.WrittenResolution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written resolution"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    decision = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision"),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proposal to the assembly")
        verbose_name_plural = _("proposals to the assembly")
        constraints = [
            # Each proposal on the accounts is adopted once; discharge needs its own proposal.
            models.UniqueConstraint(
                fields=("accounts", "kind"),
                condition=Q(status=ProposalStatus.ADOPTED),
                name="finance_proposal_adopted_once",
            ),
            models.CheckConstraint(
                condition=Q(accounts__isnull=False) | Q(budget__isnull=False),
                name="finance_proposal_has_subject",
            ),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class DeadlineReminder(models.Model):
    """A reminder sent before a deadline of the legal calendar: at most one per deadline."""

    accounts = models.ForeignKey(
        AnnualAccounts, on_delete=models.CASCADE, related_name="+", verbose_name=_("accounts")
    )
    kind = models.CharField(_("deadline"), max_length=20, choices=DeadlineKind.choices)
    due_on = models.DateField(_("due on"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [
            models.UniqueConstraint(
                fields=("accounts", "kind", "due_on"), name="finance_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.accounts} {self.kind} {self.due_on}"


class TariffYear(models.Model):
    """The tariffs of a year: the organisation's surcharge per inhabitant and, below, the
    services' prices and the volume-discount tiers."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    surcharge_cents = models.PositiveIntegerField(
        _("organisation surcharge per inhabitant (cents)"), default=0
    )
    example = models.BooleanField(
        _("example values"), default=False, help_text=_("Demo values, not the association's.")
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tariffs of a year")
        verbose_name_plural = _("tariffs per year")
        ordering = ("-year",)

    def __str__(self) -> str:
        return str(self.year)


class ServiceTariff(models.Model):
    """The price of a service per inhabitant per year, in cents."""

    tariff_year = models.ForeignKey(
        TariffYear, on_delete=models.CASCADE, related_name="prices", verbose_name=_("tariffs")
    )
    service = models.ForeignKey(
        "members.Service", on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    price_cents = models.PositiveIntegerField(_("price per inhabitant per year (cents)"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("service tariff")
        verbose_name_plural = _("service tariffs")
        constraints = [
            models.UniqueConstraint(
                fields=("tariff_year", "service"), name="finance_tariff_service_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.tariff_year}"


class DiscountTier(models.Model):
    """Volume discount (staffelkorting): members taking at least `min_services` services get
    `percent` off the services' prices (not the surcharge); the highest tier reached applies."""

    tariff_year = models.ForeignKey(
        TariffYear, on_delete=models.CASCADE, related_name="tiers", verbose_name=_("tariffs")
    )
    min_services = models.PositiveSmallIntegerField(_("from this number of services"))
    percent = models.PositiveSmallIntegerField(_("discount (%)"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("volume-discount tier")
        verbose_name_plural = _("volume-discount tiers")
        ordering = ("tariff_year", "min_services")
        constraints = [
            models.UniqueConstraint(
                fields=("tariff_year", "min_services"), name="finance_tier_once"
            ),
            models.CheckConstraint(condition=Q(percent__lte=100), name="finance_tier_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.min_services}+: {self.percent}%"
