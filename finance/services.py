"""Writes of the finance app: the controller enters and imports the accounts, the assembly's
polls adopt them and grant discharge, the budget and the tariffs.

Other apps call only this module, `selectors` and `constants`. Every refusal carries a code
(docs/rules.md): `ValidationError(..., code=...)` for what a user can correct,
`dimpact_portal.rules.RuleDenied` for what this user may not do. Adopted accounts are frozen:
every write below refuses them with `accounts-frozen`; a correction is a new version.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.roles import role_names
from dimpact_portal.rules import RuleDenied
from finance import exchange
from finance.checks import validation_report
from finance.constants import (
    ACCOUNTS_PROPOSALS,
    AccountsStatus,
    BudgetStatus,
    Code,
    ProposalKind,
    ProposalStatus,
)
from finance.models import (
    AnnualAccounts,
    AssemblyProposal,
    Budget,
    BudgetLine,
    DiscountTier,
    FindingExplanation,
    NoteRow,
    NoteTable,
    ServiceTariff,
    Signature,
    StatementLine,
    TariffYear,
)

if TYPE_CHECKING:
    from accounts.models import User
    from meetings.models import AgendaItem, Decision
    from voting.models import Poll, WrittenResolution


# --- guards -------------------------------------------------------------------------------


def _require_controller(user: User) -> None:
    if Role.CONTROLLER not in role_names(user):
        raise RuleDenied(
            _("Only the controller enters the annual accounts, budget and tariffs."),
            code="finance-controller-only",
        )


def _require_controller_or_secretariat(user: User) -> None:
    if not role_names(user) & {Role.CONTROLLER, Role.SECRETARIAT}:
        raise RuleDenied(
            _("Only the controller and the secretariat put finance proposals to the assembly."),
            code="finance-proposal-staff-only",
        )


def _check_not_frozen(accounts: AnnualAccounts) -> None:
    if accounts.frozen:
        raise ValidationError(
            _(
                "The annual accounts %(year)s (version %(version)s) were adopted and are frozen;"
                " a correction is a new version."
            )
            % {"year": accounts.year, "version": accounts.version},
            code="accounts-frozen",
        )


def _check_budget_open(budget: Budget) -> None:
    if budget.status == BudgetStatus.APPROVED:
        raise ValidationError(
            _("The budget %(year)s was approved and is frozen.") % {"year": budget.year},
            code="budget-frozen",
        )


# --- import and entry ---------------------------------------------------------------------


def _invalid(messages: list[str]) -> ValidationError:
    return ValidationError(
        [ValidationError(message, code="accounts-import-invalid") for message in messages]
    )


def _header_values(data: dict[str, Any]) -> dict[str, Any]:
    auditor = data.get("auditor", {})
    appropriation = data.get("appropriation", {})
    drawn_up = data.get("drawn_up", {})
    return {
        "title": data.get("title", ""),
        "entity": data.get("entity", ""),
        "auditor_firm": auditor.get("firm", ""),
        "auditor_signatory": auditor.get("signed_by", ""),
        "auditor_date": auditor.get("date"),
        "opinion_kind": auditor.get("opinion", ""),
        "appropriation_amount": appropriation.get("amount"),
        "appropriation_text": appropriation.get("text", ""),
        "other_equity_movements": data.get("other_equity_movements", 0),
        "drawn_up_place": drawn_up.get("place", ""),
        "drawn_up_on": drawn_up.get("date"),
        "extension_months": drawn_up.get("extension_months", 0),
    }


def _store_lines(accounts: AnnualAccounts, statement: str, lines: list[dict], parent=None) -> None:
    for position, item in enumerate(lines):
        line = StatementLine(
            accounts=accounts,
            statement=statement,
            parent=parent,
            code=item["code"],
            label=item["label"],
            total_label=item.get("total_label", ""),
            note=item.get("note", ""),
            amount=item.get("amount"),
            prior_amount=item.get("prior"),
            position=position,
            is_total=item.get("total", False),
            formula=item.get("formula", ""),
            reconcile=item.get("reconcile", ""),
        )
        line.full_clean(validate_unique=False, validate_constraints=False)
        line.save()
        _store_lines(accounts, statement, item.get("children", []), parent=line)


def _store_tables(accounts: AnnualAccounts, tables: list[dict]) -> None:
    for position, item in enumerate(tables):
        table = NoteTable.objects.create(
            accounts=accounts,
            code=item["code"],
            note=item.get("note", ""),
            title=item["title"],
            columns=item["columns"],
            line=item.get("line", ""),
            row_of=item.get("row_of", {}),
            negate=item.get("negate", False),
            total_column=item.get("total_column", False),
            remarks=item.get("remarks", ""),
            position=position,
        )
        NoteRow.objects.bulk_create(
            NoteRow(
                table=table,
                label=row["label"],
                values=row["values"],
                is_total=row.get("total", False),
                is_text=row.get("text", False),
                subtract=row.get("subtract", False),
                provision=row.get("provision", False),
                position=number,
            )
            for number, row in enumerate(item["rows"])
        )


def _store_content(accounts: AnnualAccounts, data: dict[str, Any]) -> None:
    for statement, lines in data["statements"].items():
        _store_lines(accounts, statement, lines)
    _store_tables(accounts, data.get("notes", []))
    for position, item in enumerate(data.get("signatures", [])):
        Signature.objects.create(
            accounts=accounts,
            name=item["name"],
            role=item["role"],
            capacity=item.get("capacity", ""),
            signed_on=item.get("signed_on"),
            missing_reason=item.get("missing_reason", ""),
            position=position,
        )


def accounts_store(*, data: dict[str, Any], status: str = AccountsStatus.DRAFT) -> AnnualAccounts:
    """Store `data` (checked against the format) as the accounts of its year and version,
    replacing a draft of that version; for the importer and the demo loader."""
    found = exchange.problems(data)
    if found:
        raise _invalid(found)
    with transaction.atomic():
        accounts = (
            AnnualAccounts.objects.select_for_update()
            .filter(year=data["year"], version=data.get("version", 1))
            .first()
        )
        if accounts is None:
            accounts = AnnualAccounts(year=data["year"], version=data.get("version", 1))
        else:
            _check_not_frozen(accounts)
            accounts.lines.all().delete()
            accounts.tables.all().delete()
            accounts.signatures.all().delete()
        for name, value in _header_values(data).items():
            setattr(accounts, name, value)
        accounts.status = status if accounts.status == AccountsStatus.DRAFT else accounts.status
        accounts.full_clean()
        accounts.save()
        _store_content(accounts, data)
    return accounts


def accounts_import(*, user: User, content: str | bytes) -> AnnualAccounts:
    """The controller's import of a YAML file in the exchange format: everything or nothing."""
    _require_controller(user)
    try:
        data = exchange.yaml_read(content)
    except ValueError as error:
        raise _invalid([str(error)]) from error
    return accounts_store(data=data)


def accounts_line_update(
    *, line: StatementLine, user: User, label: str, amount: int | None, prior_amount: int | None
) -> StatementLine:
    """The controller corrects one line of a draft."""
    _require_controller(user)
    _check_not_frozen(line.accounts)
    line.label, line.amount, line.prior_amount = label, amount, prior_amount
    line.full_clean()
    line.save()
    return line


HEADER_FIELDS = frozenset(
    {
        "title",
        "auditor_firm",
        "auditor_signatory",
        "auditor_date",
        "opinion_kind",
        "appropriation_amount",
        "appropriation_text",
        "other_equity_movements",
        "drawn_up_place",
        "drawn_up_on",
    }
)


def accounts_update(*, accounts: AnnualAccounts, user: User, **fields: Any) -> AnnualAccounts:
    """The controller's entry of the auditor's opinion, the appropriation and the like."""
    _require_controller(user)
    _check_not_frozen(accounts)
    unknown = set(fields) - HEADER_FIELDS
    if unknown:
        raise ValueError(f"not an accounts field: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(accounts, name, value)
    accounts.full_clean()
    accounts.save()
    return accounts


def _check_signature_dated_or_explained(signed_on, missing_reason: str) -> None:
    if not signed_on and not missing_reason.strip():
        raise ValidationError(
            _("A signature has its date, or the reason it is missing."),
            code="accounts-signature-date-or-reason",
        )


def signature_record(
    *, signature: Signature, user: User, signed_on: datetime.date | None, missing_reason: str = ""
) -> Signature:
    _require_controller(user)
    _check_not_frozen(signature.accounts)
    _check_signature_dated_or_explained(signed_on, missing_reason)
    signature.signed_on = signed_on
    signature.missing_reason = "" if signed_on else missing_reason.strip()
    signature.full_clean()
    signature.save()
    return signature


def _check_extension_within_limit(months: int, limit: int) -> None:
    if months > limit:
        raise ValidationError(
            _("The assembly can extend the drawing-up period by at most %(n)s months.")
            % {"n": limit},
            code="accounts-extension-limit",
        )


def extension_grant(
    *, accounts: AnnualAccounts, user: User, months: int, decision: Decision | None = None
) -> AnnualAccounts:
    """Record the assembly's extension of the period for drawing up (Civil Code 2:58)."""
    from finance.selectors import norms

    _require_controller_or_secretariat(user)
    _check_not_frozen(accounts)
    _check_extension_within_limit(months, norms()["accounts_extension_months_max"])
    accounts.extension_months = months
    accounts.extension_decision = decision
    accounts.full_clean()
    accounts.save()
    return accounts


def explanation_record(
    *, accounts: AnnualAccounts, user: User, check_key: str, text: str
) -> FindingExplanation:
    """The controller's explanation of a finding of the validation report."""
    _require_controller(user)
    _check_not_frozen(accounts)
    if not text.strip():
        raise ValidationError(
            _("An explanation needs its text."), code="accounts-explanation-required"
        )
    report = validation_report(exchange.accounts_data(accounts))
    if report.get(check_key) is None:
        raise ValidationError(_("There is no such check."), code="accounts-unknown-check")
    explanation, _created = FindingExplanation.objects.update_or_create(
        accounts=accounts,
        check_key=check_key,
        defaults={"text": text.strip(), "recorded_by": user},
    )
    return explanation


def accounts_new_version(*, accounts: AnnualAccounts, user: User) -> AnnualAccounts:
    """A correction of adopted accounts: a new draft version with the same content."""
    _require_controller(user)
    if not accounts.frozen:
        raise ValidationError(
            _("A draft is corrected in place; a new version corrects adopted accounts."),
            code="accounts-correction-of-adopted-only",
        )
    data = exchange.accounts_data(accounts)
    latest = AnnualAccounts.objects.filter(year=accounts.year).order_by("-version").first()
    data["version"] = latest.version + 1
    return accounts_store(data=data)


# --- the assembly: proposals, polls, adoption and discharge -------------------------------


def _check_on_assembly_agenda(agenda_item: AgendaItem) -> None:
    from meetings.constants import ASSEMBLY_KINDS

    if agenda_item.meeting.kind not in ASSEMBLY_KINDS:
        raise ValidationError(
            _("Finance proposals are put to the general assembly."),
            code="finance-proposal-assembly-only",
        )


def _check_no_pending_twin(kind: str, accounts, budget) -> None:
    twins = AssemblyProposal.objects.filter(kind=kind, status=ProposalStatus.PENDING)
    twins = twins.filter(accounts=accounts) if accounts else twins.filter(budget=budget)
    if twins.exists():
        raise ValidationError(
            _("This proposal is already awaiting the assembly."), code="finance-proposal-pending"
        )


def _default_question(kind: str, accounts, budget) -> str:
    if kind == ProposalKind.ADOPT_ACCOUNTS:
        text = _("The general assembly adopts the annual accounts %(year)s") % {
            "year": accounts.year
        }
        if accounts.appropriation_amount is not None:
            text += _(" and adds the result of € %(amount)s to the general reserves") % {
                "amount": f"{accounts.appropriation_amount:,}".replace(",", ".")
            }
        return text + "."
    if kind == ProposalKind.DISCHARGE_BOARD:
        return _("The general assembly grants the board discharge for its management in %(y)s.") % {
            "y": accounts.year
        }
    if kind == ProposalKind.DISCHARGE_SUPERVISORY:
        return _(
            "The general assembly grants the supervisory board discharge for its supervision"
            " in %(y)s."
        ) % {"y": accounts.year}
    return _("The general assembly approves the budget and business plan %(y)s.") % {
        "y": budget.year
    }


def proposal_create(
    *,
    kind: str,
    agenda_item: AgendaItem,
    user: User,
    accounts: AnnualAccounts | None = None,
    budget: Budget | None = None,
    question: str = "",
) -> AssemblyProposal:
    """Put one decision on the accounts (adoption, or one discharge) or the budget on the
    assembly's agenda item. Each is its own proposal, decided by its own poll."""
    _require_controller_or_secretariat(user)
    _check_on_assembly_agenda(agenda_item)
    subject = accounts if kind in ACCOUNTS_PROPOSALS else budget
    if subject is None:
        raise ValueError("a proposal on the accounts needs accounts, on the budget a budget")
    if kind == ProposalKind.ADOPT_ACCOUNTS:
        _check_not_frozen(accounts)
    if kind == ProposalKind.APPROVE_BUDGET:
        _check_budget_open(budget)
    _check_no_pending_twin(kind, accounts if kind in ACCOUNTS_PROPOSALS else None, budget)
    with transaction.atomic():
        proposal = AssemblyProposal(
            kind=kind,
            accounts=accounts if kind in ACCOUNTS_PROPOSALS else None,
            budget=budget if kind == ProposalKind.APPROVE_BUDGET else None,
            agenda_item=agenda_item,
            question=question.strip() or _default_question(kind, accounts, budget),
        )
        proposal.full_clean()
        proposal.save()
        _put_to_assembly(subject, agenda_item)
    return proposal


def _put_to_assembly(subject, agenda_item: AgendaItem) -> None:
    if isinstance(subject, AnnualAccounts) and subject.status == AccountsStatus.DRAFT:
        subject.status = AccountsStatus.PUT_TO_ASSEMBLY
    elif isinstance(subject, Budget) and subject.status == BudgetStatus.DRAFT:
        subject.status = BudgetStatus.PUT_TO_ASSEMBLY
    if subject.agenda_item_id is None:
        subject.agenda_item = agenda_item
    subject.save()


def _check_signed_before_adoption(accounts: AnnualAccounts) -> None:
    missing = accounts.signatures.filter(signed_on=None, missing_reason="")
    if missing.exists():
        raise ValidationError(
            _(
                "The accounts are adopted once drawn up: record every signature or the reason"
                " it is missing (%(names)s)."
            )
            % {"names": ", ".join(missing.values_list("name", flat=True))},
            code="accounts-signatures-missing",
        )


def proposal_poll_create(*, proposal: AssemblyProposal, user: User) -> Poll:
    """The poll that decides `proposal`, on its agenda item (the chair opens and closes it in
    the voting app; closing it decides the proposal through `accounts_adopt_from_outcome`)."""
    from voting import services as voting_services

    if proposal.poll_id is not None or proposal.status != ProposalStatus.PENDING:
        raise ValidationError(
            _("This proposal has its poll already."), code="finance-proposal-poll-exists"
        )
    if proposal.kind == ProposalKind.ADOPT_ACCOUNTS:
        _check_signed_before_adoption(proposal.accounts)
    with transaction.atomic():
        poll = voting_services.poll_create(
            meeting=proposal.agenda_item.meeting,
            user=user,
            question=proposal.question,
            agenda_item=proposal.agenda_item,
        )
        proposal.poll = poll
        proposal.save(update_fields=["poll"])
    return poll


def _adopt_accounts(accounts: AnnualAccounts, decision: Decision) -> None:
    accounts = AnnualAccounts.objects.select_for_update().get(pk=accounts.pk)
    if accounts.appropriation_amount is None:
        result = accounts.lines.filter(code=Code.RESULT).values_list("amount", flat=True).first()
        accounts.appropriation_amount = result
    accounts.status = AccountsStatus.ADOPTED
    accounts.frozen = True
    accounts.adopted_on = decision.date
    accounts.adoption_decision = decision
    accounts.save()


def _approve_budget(budget: Budget, decision: Decision) -> None:
    budget.status = BudgetStatus.APPROVED
    budget.approved_on = decision.date
    budget.approval_decision = decision
    budget.save()


def accounts_adopt_from_outcome(
    *,
    poll: Poll | None = None,
    resolution: WrittenResolution | None = None,
    adopted: bool,
    decision: Decision,
    user: User | None = None,
) -> AssemblyProposal | None:
    """The voting app's outcome handler, called in the transaction that closes a poll (or a
    written resolution): decides the finance proposal it concerns, if any. Adopting the
    accounts records the appropriation and freezes them; it discharges nobody."""
    proposals = AssemblyProposal.objects.select_for_update()
    if poll is not None:
        proposal = proposals.filter(poll_id=poll.pk).first()
    elif resolution is not None:
        proposal = proposals.filter(resolution_id=resolution.pk).first()
    else:
        proposal = None
    if proposal is None or proposal.status != ProposalStatus.PENDING:
        return None  # not a finance poll, or decided already (a repeated call changes nothing)
    proposal.status = ProposalStatus.ADOPTED if adopted else ProposalStatus.REJECTED
    proposal.decision = decision
    proposal.decided_on = decision.date
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError:
        return None  # adopted by another proposal of the same kind at the same moment
    if adopted and proposal.kind == ProposalKind.ADOPT_ACCOUNTS:
        _adopt_accounts(proposal.accounts, decision)
    elif adopted and proposal.kind == ProposalKind.APPROVE_BUDGET:
        _approve_budget(proposal.budget, decision)
    return proposal


# --- budget -------------------------------------------------------------------------------


def budget_save(
    *,
    year: int,
    user: User,
    title: str = "",
    business_plan: str = "",
    lines: list[tuple[str, int]] | None = None,
) -> Budget:
    """The controller's budget of `year` with its business plan; lines as (label, euros)."""
    _require_controller(user)
    with transaction.atomic():
        budget, _created = Budget.objects.select_for_update().get_or_create(year=year)
        _check_budget_open(budget)
        budget.title, budget.business_plan = title, business_plan
        budget.full_clean()
        budget.save()
        if lines is not None:
            budget.lines.all().delete()
            for position, (label, amount) in enumerate(lines):
                BudgetLine.objects.create(
                    budget=budget, label=label, amount=int(amount), position=position
                )
    return budget


# --- reminders ----------------------------------------------------------------------------


def deadline_reminders_send(*, today: datetime.date | None = None) -> int:
    """E-mail the controller and the secretariat once before each deadline of the legal
    calendar (within `REMINDER_DAYS_BEFORE` days); returns the number of reminders sent."""
    from finance.reminders import reminders_due_send

    return reminders_due_send(today=today or timezone.localdate())


# --- tariffs ------------------------------------------------------------------------------


def _check_tier_percent(tiers: list[tuple[int, int]]) -> None:
    if any(not 0 <= percent <= 100 for _minimum, percent in tiers):
        raise ValidationError(
            _("A volume discount is between 0 and 100 per cent."), code="tariff-tier-percent"
        )


def tariff_year_save(
    *,
    year: int,
    user: User,
    surcharge_cents: int,
    prices: dict[str, int],
    tiers: list[tuple[int, int]],
    example: bool = False,
    note: str = "",
) -> TariffYear:
    """The controller's tariffs of `year`: cents per inhabitant per service (by service code),
    the organisation's surcharge per inhabitant, and the volume-discount tiers (from, percent)."""
    from finance.selectors import services_by_code

    _require_controller(user)
    _check_tier_percent(tiers)
    services = services_by_code()
    unknown = sorted(set(prices) - set(services))
    if unknown:
        raise ValidationError(
            _("No such service: %(codes)s.") % {"codes": ", ".join(unknown)},
            code="tariff-unknown-service",
        )
    with transaction.atomic():
        tariff, _created = TariffYear.objects.select_for_update().get_or_create(year=year)
        tariff.surcharge_cents, tariff.example, tariff.note = surcharge_cents, example, note
        tariff.full_clean()
        tariff.save()
        tariff.prices.all().delete()
        tariff.tiers.all().delete()
        for code, cents in prices.items():
            ServiceTariff.objects.create(
                tariff_year=tariff, service=services[code], price_cents=cents
            )
        for minimum, percent in tiers:
            DiscountTier.objects.create(tariff_year=tariff, min_services=minimum, percent=percent)
    return tariff
