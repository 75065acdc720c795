"""Choices and fixed names of the finance app (annual accounts, budget, tariffs)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The format name written in (and required of) every import/export file.
EXCHANGE_FORMAT = "dimpact-annual-accounts/1"


class AccountsStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUT_TO_ASSEMBLY = "put-to-assembly", _("Put to the general assembly")
    ADOPTED = "adopted", _("Adopted")


class Statement(models.TextChoices):
    BALANCE = "balance", _("Balance sheet")
    PNL = "pnl", _("Profit and loss account")
    CASHFLOW = "cashflow", _("Cash-flow statement")


class OpinionKind(models.TextChoices):
    UNQUALIFIED = "unqualified", _("Unqualified (goedkeurend)")
    QUALIFIED = "qualified", _("Qualified (met beperking)")
    ADVERSE = "adverse", _("Adverse (afkeurend)")
    DISCLAIMER = "disclaimer", _("Disclaimer of opinion (oordeelonthouding)")


class SignatoryRole(models.TextChoices):
    DIRECTOR = "director", _("Director")
    SUPERVISORY = "supervisory", _("Supervisory board member")


class ProposalKind(models.TextChoices):
    ADOPT_ACCOUNTS = "adopt-accounts", _("Adopt the annual accounts and the appropriation")
    DISCHARGE_BOARD = "discharge-board", _("Discharge of the board")
    DISCHARGE_SUPERVISORY = "discharge-supervisory", _("Discharge of the supervisory board")
    APPROVE_BUDGET = "approve-budget", _("Approve the budget and business plan")


ACCOUNTS_PROPOSALS = (
    ProposalKind.ADOPT_ACCOUNTS,
    ProposalKind.DISCHARGE_BOARD,
    ProposalKind.DISCHARGE_SUPERVISORY,
)


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting the assembly")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")


class BudgetStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUT_TO_ASSEMBLY = "put-to-assembly", _("Put to the general assembly")
    APPROVED = "approved", _("Approved")


class CheckStatus(models.TextChoices):
    OK = "ok", _("Agrees")
    FINDING = "finding", _("Difference")
    NOTE = "note", _("For attention")
    SKIPPED = "skipped", _("Not checkable")


class DeadlineKind(models.TextChoices):
    DRAWN_UP = "drawn-up", _("Drawn up and signed (Civil Code 2:58)")
    ADOPTION = "adoption", _("Adopted, or deposited unadopted (Civil Code 2:394 (3))")


# The statement lines the checks and ratios look for, by code (see the README's format section).
class Code:
    ASSETS = "assets"
    EQUITY_AND_LIABILITIES = "equity-and-liabilities"
    EQUITY = "equity"
    GENERAL_RESERVE = "general-reserve"
    CASH = "cash"
    RESULT = "result-after-tax"
    COSTS = "costs"
    CASH_CHANGE = "cash-change"


# Dimpact's norms, used until the association's settings carry them (statutes.Association).
DEFAULT_NORMS = {
    "solvency_norm_percent": 30,
    "general_reserve_minimum": 1_750_000,
    "continuity_months_min": 9,
    "continuity_months_max": 12,
    "accounts_drawn_up_months": 6,
    "accounts_extension_months_max": 4,
}

# Civil Code 2:394 (3): unadopted accounts are deposited two months after the drawing-up period.
DEPOSIT_AFTER_DRAWING_UP_MONTHS = 2
# How many days before a deadline the controller and the secretariat are reminded (once).
REMINDER_DAYS_BEFORE = 21
