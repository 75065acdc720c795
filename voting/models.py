"""Polls and ballots; decisions outside a meeting.

A secret poll stores *that* a member voted (`Ballot`, with no choice: a check constraint
says so) and the choice only as an encryption under the poll's key (`Ballot.ciphertext`),
which nobody holds: its shares are sealed to the tellers (`PollTeller`), k of whom decrypt the
product of all ballots, never one ballot (docs/secret-ballots.md). Ballots keep no history.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from statutes.constants import DecisionKind
from voting.constants import Answer, Choice, Outcome, PollKind, PollStatus, ResolutionStatus, Via


class Poll(models.Model):
    """A vote on a proposal or an election at a meeting, with the rule frozen when prepared."""

    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.PROTECT,
        related_name="polls",
        verbose_name=_("meeting"),
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="polls",
        verbose_name=_("agenda item"),
    )
    question = models.TextField(_("proposal put to the vote"))
    kind = models.CharField(
        _("kind"), max_length=20, choices=PollKind.choices, default=PollKind.MOTION
    )
    secret = models.BooleanField(_("secret"), default=False)
    decision_kind = models.CharField(
        _("kind of decision"), max_length=20, default=DecisionKind.ORDINARY
    )
    majority_numerator = models.PositiveSmallIntegerField(_("majority: numerator"), default=1)
    majority_denominator = models.PositiveSmallIntegerField(_("majority: denominator"), default=2)
    majority_strict = models.BooleanField(_("more than the fraction"), default=True)
    quorum_percent = models.PositiveSmallIntegerField(_("quorum (%)"), default=0)
    allow_change = models.BooleanField(_("ballots may be changed"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=PollStatus.choices, default=PollStatus.DRAFT
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    present_count = models.PositiveIntegerField(
        _("members present or represented"), null=True, blank=True
    )
    entitled = models.JSONField(
        _("entitled to vote at the close"),
        default=list,
        blank=True,
        help_text=_("Frozen when the poll closes: every member entitled, and whether it voted."),
    )
    result_text = models.TextField(_("result"), blank=True)
    tellers_needed = models.PositiveSmallIntegerField(
        _("tellers needed"),
        default=0,
        help_text=_("Secret polls: how many tellers' shares decrypt the result (k of n)."),
    )
    public_key = models.TextField(_("public key"), blank=True, editable=False)
    options = models.JSONField(
        _("options encrypted"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Secret polls: the options in the order of each ballot's ciphertexts."),
    )
    tally = models.JSONField(
        _("encrypted tally"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Secret polls: the product of the ballots' ciphertexts, fixed at the close."),
    )
    decision = models.OneToOneField(
        "meetings.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="poll",
        verbose_name=_("decision"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["meeting", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(majority_numerator__lte=models.F("majority_denominator"))
                & Q(majority_denominator__gte=1),
                name="poll_majority_is_a_fraction",
            ),
            models.CheckConstraint(
                condition=~Q(status=PollStatus.CLOSED) | Q(closed_at__isnull=False),
                name="poll_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.question[:80]

    def get_absolute_url(self) -> str:
        return reverse("voting:poll-detail", args=[self.pk])


class Candidate(models.Model):
    """A person standing in an election poll."""

    poll = models.ForeignKey(
        Poll, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("poll")
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["poll", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "name"], name="candidate_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Ballot(models.Model):
    """One member's single ballot in one poll. In a secret poll: only that it voted."""

    poll = models.ForeignKey(
        Poll, on_delete=models.PROTECT, related_name="ballots", verbose_name=_("poll")
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cast by"),
    )
    via = models.CharField(_("as"), max_length=20, choices=Via.choices)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    secret = models.BooleanField(_("secret"), default=False, editable=False)
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices, blank=True)
    candidate = models.ForeignKey(
        Candidate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("candidate"),
    )
    token = models.UUIDField(
        _("submission"), default=uuid.uuid4, help_text=_("Makes a repeated submission count once.")
    )
    ciphertext = models.JSONField(
        _("encrypted choice"),
        default=list,
        blank=True,
        editable=False,
        help_text=_("Secret polls: one ElGamal ciphertext per option (hex pairs)."),
    )
    tracker = models.CharField(_("ballot tracker"), max_length=19, blank=True, editable=False)
    cast_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["poll", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "member"], name="ballot_one_per_member"),
            # A secret ballot can never hold its choice.
            models.CheckConstraint(
                condition=Q(secret=False) | (Q(choice="") & Q(candidate__isnull=True)),
                name="ballot_secret_has_no_choice",
            ),
            models.CheckConstraint(
                condition=Q(secret=True) | ~Q(choice=""), name="ballot_named_has_a_choice"
            ),
            # A secret ballot is stored encrypted, with its tracker.
            models.CheckConstraint(
                condition=Q(secret=False) | ~Q(tracker=""), name="ballot_secret_is_encrypted"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}: {self.member}"


class TellerKey(models.Model):
    """A teller's public key; the secret half is in the file the teller downloaded, not here."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="teller_key",
        verbose_name=_("teller"),
    )
    public_key = models.TextField(_("public key"))
    created_at = models.DateTimeField(_("created at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("teller key")
        verbose_name_plural = _("teller keys")

    def __str__(self) -> str:
        return str(self.user)


class PollTeller(models.Model):
    """A teller of a secret poll: the share of the poll's key sealed to the teller's key, and
    once the teller has confirmed the close, the partial decryption of the tally."""

    poll = models.ForeignKey(
        Poll, on_delete=models.PROTECT, related_name="tellers", verbose_name=_("poll")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("teller"),
    )
    position = models.PositiveSmallIntegerField(_("share number"))
    verification_key = models.TextField(_("verification key"), blank=True)
    sealed_ephemeral = models.TextField(_("sealed share: ephemeral key"), blank=True)
    sealed_share = models.TextField(_("sealed share"), blank=True)
    partial = models.JSONField(
        _("partial decryption"),
        default=list,
        blank=True,
        help_text=_("Per option: the tally's first component to the teller's share, and a proof."),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("teller")
        verbose_name_plural = _("tellers")
        ordering = ["poll", "position"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "user"], name="teller_once_per_poll"),
            models.UniqueConstraint(fields=["poll", "position"], name="teller_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}: {self.user}"


class WrittenResolution(models.Model):
    """A decision outside a meeting (Civil Code 2:40): every member entitled must consent."""

    title = models.CharField(_("title"), max_length=300)
    proposal = models.TextField(_("proposal"))
    deadline = models.DateTimeField(_("answers until"))
    board_informed_on = models.DateField(
        _("board's prior knowledge recorded on"),
        null=True,
        blank=True,
        help_text=_("The board must have been able to give its advice before the proposal is put."),
    )
    board_note = models.TextField(_("board's advice"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ResolutionStatus.choices, default=ResolutionStatus.DRAFT
    )
    opened_at = models.DateTimeField(_("put to the members at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    adopted = models.BooleanField(_("adopted"), null=True, blank=True)
    entitled = models.JSONField(_("members entitled"), default=list, blank=True)
    result_text = models.TextField(_("result"), blank=True)
    decision = models.OneToOneField(
        "meetings.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="written_resolution",
        verbose_name=_("decision"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision outside a meeting")
        verbose_name_plural = _("decisions outside a meeting")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("voting:resolution-detail", args=[self.pk])


class WrittenAnswer(models.Model):
    """A member's answer (consent, objection, abstention) to a decision outside a meeting."""

    resolution = models.ForeignKey(
        WrittenResolution,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("decision"),
    )
    member = models.ForeignKey(
        "members.Member", on_delete=models.PROTECT, related_name="+", verbose_name=_("member")
    )
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["resolution", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["resolution", "member"], name="answer_one_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_answer_display()}"
