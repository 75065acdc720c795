"""Loads the demo annual accounts 2019 (with the 2018 comparatives), the budget 2021 and the
example tariffs from `seed/finance.yaml` (idempotent: a second run changes nothing)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from dimpact_portal.seeding import SeedReport, upsert
from finance import exchange
from finance.constants import AccountsStatus, ProposalStatus
from finance.models import (
    AnnualAccounts,
    AssemblyProposal,
    Budget,
    BudgetLine,
    DiscountTier,
    ServiceTariff,
    TariffYear,
)


def _date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def _agenda_item(link: dict[str, Any] | None):
    from meetings import selectors as meeting_selectors

    if not link:
        return None
    meeting = meeting_selectors.meeting_on(_date(link["meeting_date"]))
    return meeting_selectors.agenda_item_at(meeting, link["item"])


def _accounts_load(item: dict[str, Any], report: SeedReport) -> None:
    """Create the accounts of the seed when missing; existing accounts are the users' (they
    are replaced by the seed's only with `load_seed --reset`, and never once adopted)."""
    from finance.services import _default_question, accounts_store

    data = exchange._plain(item["data"])
    status = item.get("status", AccountsStatus.DRAFT)
    agenda_item = _agenda_item(item.get("agenda"))
    accounts = AnnualAccounts.objects.filter(
        year=data["year"], version=data.get("version", 1)
    ).first()
    reset = getattr(report, "reset", True)
    if accounts is None or (
        reset and not accounts.frozen and exchange.accounts_data(accounts) != data
    ):
        created = accounts is None
        accounts = accounts_store(data=data)
        accounts.agenda_item, accounts.status = agenda_item, status
        accounts.full_clean()
        accounts.save()
        report.count(AnnualAccounts, created=created, changed=True)
    elif (
        # Adopted accounts are frozen history (signed and adopted since the seed's state).
        not accounts.frozen
        and exchange.accounts_data(accounts) != data
        and hasattr(report, "differs")
    ):
        report.differs(accounts, ["content"])
    upsert(
        AnnualAccounts,
        report,
        lookup={"pk": accounts.pk},
        values={
            "agenda_item": agenda_item,
            "status": accounts.status if accounts.frozen else status,
        },
    )
    for kind in item.get("proposals", []) if agenda_item else []:
        if not AssemblyProposal.objects.filter(accounts=accounts, kind=kind).exists():
            upsert(
                AssemblyProposal,
                report,
                lookup={"accounts": accounts, "kind": kind},
                values={
                    "agenda_item": agenda_item,
                    "question": _default_question(kind, accounts, None),
                    "status": ProposalStatus.PENDING,
                },
            )


def _budget_load(item: dict[str, Any], report: SeedReport) -> None:
    from meetings import selectors as meeting_selectors

    decision = None
    approval = item.get("approval")
    if approval:
        meeting = meeting_selectors.meeting_on(_date(approval["meeting_date"]))
        decision = (
            meeting_selectors.decision_list(meeting).filter(number=approval["decision"]).first()
        )
    budget = upsert(
        Budget,
        report,
        lookup={"year": item["year"]},
        values={
            "title": item.get("title", ""),
            "business_plan": item.get("business_plan", ""),
            "status": item.get("status", "draft"),
            "approval_decision": decision,
            "approved_on": decision.date if decision else None,
            "agenda_item": decision.agenda_item if decision else None,
        },
    )
    for position, line in enumerate(item.get("lines", [])):
        upsert(
            BudgetLine,
            report,
            lookup={"budget": budget, "position": position},
            values={"label": line["label"], "amount": int(line["amount"])},
        )


def _tariffs_load(item: dict[str, Any], report: SeedReport) -> None:
    from finance.selectors import services_by_code

    services = services_by_code()
    tariff = upsert(
        TariffYear,
        report,
        lookup={"year": item["year"]},
        values={
            "surcharge_cents": item["surcharge_cents"],
            "example": item.get("example", False),
            "note": item.get("note", ""),
        },
    )
    for code, cents in item.get("prices", {}).items():
        upsert(
            ServiceTariff,
            report,
            lookup={"tariff_year": tariff, "service": services[code]},
            values={"price_cents": cents},
        )
    for tier in item.get("tiers", []):
        upsert(
            DiscountTier,
            report,
            lookup={"tariff_year": tariff, "min_services": tier["min_services"]},
            values={"percent": tier["percent"]},
        )


@transaction.atomic
def finance_seed_load(data: dict[str, Any], report: SeedReport) -> None:
    for item in data.get("annual_accounts", []):
        _accounts_load(item, report)
    for item in data.get("budgets", []):
        _budget_load(item, report)
    for item in data.get("tariffs", []):
        _tariffs_load(item, report)
