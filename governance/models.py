"""The supervisory board's records: commissioners, terms, chair periods, attendance, WNT,
appointments and the self-evaluation. Rules live in `governance.services`."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from governance.constants import (
    SCORE_MAX,
    SCORE_MIN,
    AppointmentKind,
    CommissionerKind,
    EvaluationCategory,
    ProposalStatus,
    TermEnd,
)


class Commissioner(models.Model):
    """A person on (or proposed for) the supervisory board."""

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(
        _("name"), max_length=200, help_text=_("For example: Carolien Besselink.")
    )
    formal_name = models.CharField(
        _("formal name"), max_length=200, blank=True, help_text=_("For example: C.W.M. Besselink.")
    )
    salutation = models.CharField(_("salutation"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=CommissionerKind.choices)
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member"),
        help_text=_("For a bound commissioner: the member he or she works at."),
    )
    position = models.CharField(
        pgettext_lazy("job", "position"),
        max_length=200,
        blank=True,
        help_text=_("For example: gemeentesecretaris."),
    )
    portfolios = models.JSONField(
        _("portfolios"), default=list, blank=True, help_text=_("Codes of the portfolios held.")
    )
    email = models.EmailField(_("contact e-mail"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commissioner",
        verbose_name=_("log-in"),
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commissioner")
        verbose_name_plural = _("commissioners")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=CommissionerKind.UNBOUND) | Q(member__isnull=True),
                name="commissioner_unbound_has_no_member",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    """One term of office: appointed or re-appointed by an assembly decision."""

    commissioner = models.ForeignKey(
        Commissioner, on_delete=models.PROTECT, related_name="terms", verbose_name=_("commissioner")
    )
    number = models.PositiveSmallIntegerField(
        _("term number"),
        validators=[MinValueValidator(1)],
        help_text=_("1: appointed; 2: re-appointed."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), help_text=_("The last day of the term."))
    ends_on_reason = models.TextField(
        _("reason for another end"),
        blank=True,
        help_text=_("Why the term does not end after the statutory number of years."),
    )
    decision = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision"),
    )
    poll = models.ForeignKey(
        "voting.Poll",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("poll"),
    )
    resolution = models.ForeignKey(
        "voting.WrittenResolution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision outside a meeting"),
    )
    decided_on = models.DateField(
        _("decided on"), null=True, blank=True, help_text=_("The date of the assembly's decision.")
    )
    ratification_poll = models.OneToOneField(
        "voting.Poll",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ratification poll"),
        help_text=_("The poll in which an assembly is asked to ratify this term's decision."),
    )
    ratified_by = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ratified by"),
        help_text=_("The assembly decision ratifying a term decided in writing."),
    )
    appointed_note = models.CharField(
        _("appointment as recorded"),
        max_length=300,
        blank=True,
        help_text=_("For a decision from before the portal: where it is recorded."),
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("how it ended"), max_length=20, choices=TermEnd.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["commissioner__name", "number"]
        constraints = [
            models.UniqueConstraint(fields=["commissioner", "number"], name="term_unique_number"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="term_ends_after_start"
            ),
            models.CheckConstraint(
                condition=(Q(ended_on__isnull=True) & Q(end_reason=""))
                | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="term_end_has_date_and_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commissioner} ({self.number}: {self.starts_on} – {self.last_day})"  # noqa: RUF001 (an en dash for a range)

    @property
    def last_day(self):
        """The last day in office: the day it ended early, else its end."""
        return self.ended_on or self.ends_on


class ChairPeriod(models.Model):
    """A commissioner chairing the supervisory board."""

    commissioner = models.ForeignKey(
        Commissioner,
        on_delete=models.PROTECT,
        related_name="chair_periods",
        verbose_name=_("commissioner"),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(
        _("until"), null=True, blank=True, help_text=_("The last day; blank: ongoing.")
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chair period")
        verbose_name_plural = _("chair periods")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="chair_period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commissioner} {self.starts_on} – {self.ends_on or '…'}"  # noqa: RUF001 (an en dash for a range)


class TermAlert(models.Model):
    """An alert sent about a term: months before its end, or 0 when it ended undecided."""

    term = models.ForeignKey(
        Term, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("term")
    )
    threshold_months = models.PositiveSmallIntegerField(_("months before the end"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)

    class Meta:
        verbose_name = _("term alert")
        verbose_name_plural = _("term alerts")
        constraints = [
            # The task sends each alert once, however often it runs.
            models.UniqueConstraint(fields=["term", "threshold_months"], name="term_alert_once"),
        ]

    def __str__(self) -> str:
        return f"{self.term}: {self.threshold_months}"


class BoardAttendance(models.Model):
    """Whether a commissioner attended a supervisory board meeting."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, related_name="+", verbose_name=_("meeting")
    )
    commissioner = models.ForeignKey(
        Commissioner,
        on_delete=models.PROTECT,
        related_name="attendance",
        verbose_name=_("commissioner"),
    )
    present = models.BooleanField(_("present"))
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("For example: vz, agendalid.")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("board attendance")
        verbose_name_plural = _("board attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "commissioner"], name="board_attendance_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commissioner}: {self.present}"


class WntNorm(models.Model):
    """The WNT's general maximum of a year (set by law, not by the statutes)."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    general_maximum = models.PositiveIntegerField(_("general maximum (euro)"))
    member_percent = models.PositiveSmallIntegerField(_("member's share (%)"), default=10)
    chair_percent = models.PositiveSmallIntegerField(_("chair's share (%)"), default=15)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("WNT maximum")
        verbose_name_plural = _("WNT maxima")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.general_maximum}"


class Remuneration(models.Model):
    """What a commissioner was paid in a year (remuneration plus taxable allowances)."""

    commissioner = models.ForeignKey(
        Commissioner,
        on_delete=models.PROTECT,
        related_name="remunerations",
        verbose_name=_("commissioner"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    paid = models.PositiveIntegerField(_("paid (euro)"))
    unduly_paid = models.PositiveIntegerField(_("unduly paid, to be repaid (euro)"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("remuneration")
        verbose_name_plural = _("remunerations")
        constraints = [
            models.UniqueConstraint(
                fields=["commissioner", "year"], name="remuneration_once_a_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commissioner} {self.year}: {self.paid}"


class Vacancy(models.Model):
    """A seat to fill: its profile, the procedure's dates and the selection committee."""

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=CommissionerKind.choices)
    seats = models.PositiveSmallIntegerField(
        _("seats"), default=1, validators=[MinValueValidator(1)]
    )
    profile = models.TextField(_("profile"), blank=True)
    agency = models.CharField(_("recruitment agency"), max_length=200, blank=True)
    opened_on = models.DateField(_("opened on"))
    responses_until = models.DateField(_("responses until"), null=True, blank=True)
    shortlist_on = models.DateField(_("shortlist discussed on"), null=True, blank=True)
    interviews_on = models.DateField(_("selection interviews on"), null=True, blank=True)
    proposal_on = models.DateField(_("proposed to the assembly on"), null=True, blank=True)
    committee = models.ManyToManyField(
        Commissioner, blank=True, related_name="+", verbose_name=_("selection committee")
    )
    committee_note = models.CharField(_("about the committee"), max_length=300, blank=True)
    filled_on = models.DateField(_("filled on"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[committee])

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-opened_on", "title"]

    def __str__(self) -> str:
        return self.title


class AppointmentProposal(models.Model):
    """A (re-)appointment put to the assembly; its adoption creates the term."""

    kind = models.CharField(_("kind"), max_length=20, choices=AppointmentKind.choices)
    commissioner = models.ForeignKey(
        Commissioner,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("commissioner or candidate"),
    )
    vacancy = models.ForeignKey(
        Vacancy,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("vacancy"),
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda item"),
    )
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
        verbose_name=_("decision outside a meeting"),
    )
    starts_on = models.DateField(_("term starts on"), null=True, blank=True)
    ends_on = models.DateField(_("term ends on"), null=True, blank=True)
    ends_on_reason = models.TextField(_("reason for another end"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    term = models.OneToOneField(
        Term,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name=_("term created"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appointment proposal")
        verbose_name_plural = _("appointment proposals")
        constraints = [
            models.CheckConstraint(
                condition=Q(poll__isnull=False) | Q(resolution__isnull=False),
                name="proposal_put_by_poll_or_resolution",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.commissioner}"


class Evaluation(models.Model):
    """The board's yearly self-evaluation: a questionnaire of statements."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    discussed_on = models.DateField(_("discussed on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("self-evaluation")
        verbose_name_plural = _("self-evaluations")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class EvaluationStatement(models.Model):
    evaluation = models.ForeignKey(
        Evaluation,
        on_delete=models.CASCADE,
        related_name="statements",
        verbose_name=_("evaluation"),
    )
    category = models.CharField(_("category"), max_length=20, choices=EvaluationCategory.choices)
    position = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(pgettext_lazy("evaluation", "statement"))

    class Meta:
        verbose_name = pgettext_lazy("evaluation", "statement")
        verbose_name_plural = pgettext_lazy("evaluation", "statements")
        ordering = ["evaluation", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "position"], name="statement_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class EvaluationParticipation(models.Model):
    """Only that a person answered an evaluation (never what, nor which response)."""

    evaluation = models.ForeignKey(
        Evaluation,
        on_delete=models.PROTECT,
        related_name="participations",
        verbose_name=_("evaluation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("person"),
    )

    class Meta:
        verbose_name = _("evaluation participation")
        verbose_name_plural = _("evaluation participations")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "user"], name="evaluation_answered_once"),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation}: {self.user}"


class EvaluationResponse(models.Model):
    """One submitted questionnaire, with no author, no time and no history (on purpose): its
    random key and the absence of a timestamp keep it from being matched to a participation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.PROTECT, related_name="responses", verbose_name=_("evaluation")
    )

    class Meta:
        verbose_name = _("evaluation response")
        verbose_name_plural = _("evaluation responses")

    def __str__(self) -> str:
        return str(self.evaluation)


class EvaluationAnswer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        EvaluationResponse,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("response"),
    )
    statement = models.ForeignKey(
        EvaluationStatement,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=pgettext_lazy("evaluation", "statement"),
    )
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )

    class Meta:
        verbose_name = _("evaluation answer")
        verbose_name_plural = _("evaluation answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "statement"], name="answer_once_per_statement"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN) & Q(score__lte=SCORE_MAX),
                name="answer_score_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statement}: {self.score}"


class RosterSnapshot(models.Model):
    """The retirement roster on a date, as someone asked for it: the source of its PDF."""

    on = models.DateField(_("on"), unique=True)

    class Meta:
        verbose_name = _("retirement roster")
        verbose_name_plural = _("retirement rosters")

    def __str__(self) -> str:
        return f"{self.on:%d-%m-%Y}"
