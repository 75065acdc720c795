"""Reads of the finance app: who may see which accounts, the validation report, the ratios,
the legal calendar, the tariffs and what is due on the home page. Other apps use this module
(with `services` and `constants`), not the models."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.cache import cache
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.roles import role_names
from dimpact_portal.rules import RuleDenied
from finance import exchange, tariffs
from finance.chart import ratios_svg
from finance.checks import Report, validation_report
from finance.constants import DEFAULT_NORMS, AccountsStatus, Statement
from finance.deadlines import Deadline
from finance.deadlines import accounts_deadlines as _deadlines
from finance.models import AnnualAccounts, AssemblyProposal, Budget, StatementLine, TariffYear
from finance.ratios import YearRatios, ratios_by_year

if TYPE_CHECKING:
    from accounts.models import User

READERS = frozenset({Role.CONTROLLER, Role.SECRETARIAT, Role.SUPERVISORY_BOARD})


# --- who may do what ----------------------------------------------------------------------


def can_enter(user) -> bool:
    """The controller enters, imports and corrects the accounts, budget and tariffs."""
    return Role.CONTROLLER in role_names(user)


def can_read_all(user) -> bool:
    """The controller, the secretariat and the supervisory board read drafts too."""
    return bool(role_names(user) & READERS)


def can_propose(user) -> bool:
    return bool(role_names(user) & {Role.CONTROLLER, Role.SECRETARIAT})


def can_see_accounts(user, accounts: AnnualAccounts) -> bool:
    """Adopted accounts are public; members see them once they are on an assembly's agenda."""
    from meetings import selectors as meeting_selectors

    if accounts.status == AccountsStatus.ADOPTED or can_read_all(user):
        return True
    item = accounts.agenda_item
    return (
        item is not None
        and user.is_authenticated
        and meeting_selectors.can_see_meeting(user, item.meeting)
    )


def only_the_controller(user) -> None:
    if not can_enter(user):
        raise RuleDenied(
            _("Only the controller enters the annual accounts, budget and tariffs."),
            code="finance-controller-only",
        )


def only_proposers(user) -> None:
    """The guard of `can_propose`: the controller and the secretariat record the assembly's
    finance decisions (proposals, an extension of the drawing-up period)."""
    if not can_propose(user):
        raise RuleDenied(
            _("Only the controller and the secretariat put finance proposals to the assembly."),
            code="finance-proposal-staff-only",
        )


def can_prepare_poll(user) -> bool:
    """The poll deciding a finance proposal is prepared by who prepares the assembly's polls
    (the chair and the secretariat: `voting.selectors.can_run_meeting`)."""
    from voting import selectors as voting_selectors

    return voting_selectors.can_run_meeting(user)


def only_poll_preparers(user) -> None:
    if not can_prepare_poll(user):
        raise RuleDenied(
            _("Only the chair and the secretariat run the meeting."), code="poll-chair-only"
        )


def only_readers(user) -> None:
    if not can_read_all(user):
        raise RuleDenied(
            _("Only the controller, the secretariat and the supervisory board see this."),
            code="finance-readers-only",
        )


# --- the accounts -------------------------------------------------------------------------


def accounts_latest_per_year() -> QuerySet[AnnualAccounts]:
    """The latest version of each year's accounts, newest year first."""
    newer = AnnualAccounts.objects.filter(year=OuterRef("year"), version__gt=OuterRef("version"))
    return AnnualAccounts.objects.exclude(Exists(newer)).order_by("-year")


def accounts_visible(user) -> list[AnnualAccounts]:
    rows = accounts_latest_per_year().select_related("agenda_item__meeting")
    return [accounts for accounts in rows if can_see_accounts(user, accounts)]


def accounts_for_user(user, year: int, version: int | None = None) -> AnnualAccounts:
    """The accounts of `year` (its latest version unless `version`): 404 when there are none,
    `accounts-not-visible` when this user may not see them yet."""
    rows = AnnualAccounts.objects.filter(year=year).select_related("agenda_item__meeting")
    if version is not None:
        rows = rows.filter(version=version)
    accounts = rows.order_by("-version").first()
    if accounts is None:
        raise Http404
    if not can_see_accounts(user, accounts):
        raise RuleDenied(
            _("These accounts are not yet on an agenda of the general assembly."),
            code="accounts-not-visible",
        )
    return accounts


def accounts_public(year: int) -> AnnualAccounts:
    """The adopted accounts of `year` (latest adopted version), for the public pages."""
    accounts = (
        AnnualAccounts.objects.filter(year=year, status=AccountsStatus.ADOPTED)
        .order_by("-version")
        .first()
    )
    if accounts is None:
        raise Http404
    return accounts


def accounts_published() -> QuerySet[AnnualAccounts]:
    return AnnualAccounts.objects.filter(status=AccountsStatus.ADOPTED).order_by("-year")


def accounts_data(accounts: AnnualAccounts) -> dict[str, Any]:
    """The accounts in the exchange format (the export)."""
    return exchange.accounts_data(accounts)


def accounts_export(accounts: AnnualAccounts) -> str:
    """The accounts as the exchange format's YAML. Written once a day for the same data (the
    data is read every time; writing it is most of the export's cost)."""
    data = exchange.accounts_data(accounts)
    key = f"finance-export:{hashlib.sha256(repr(data).encode()).hexdigest()}"
    text = cache.get(key)
    if text is None:
        text = exchange.yaml_write(data)
        cache.set(key, text, 86400)
    return text


def accounts_report(accounts: AnnualAccounts) -> Report:
    """The validation report with the controller's explanations."""
    report = validation_report(exchange.accounts_data(accounts))
    explanations = dict(accounts.explanations.values_list("check_key", "text"))
    for result in report.results:
        result.explanation = explanations.get(result.key, "")
    return report


def norms() -> dict[str, Any]:
    """The association's norms (statutes settings), Dimpact's values where it has none."""
    from statutes.selectors import association_current

    association = association_current()
    return {name: getattr(association, name, default) for name, default in DEFAULT_NORMS.items()}


def accounts_ratios(accounts: AnnualAccounts) -> list[YearRatios]:
    """The ratios of `accounts`' year and the years before it, side by side (oldest first)."""
    earlier = [
        other
        for other in accounts_latest_per_year().filter(year__lt=accounts.year)
        if other.pk != accounts.pk
    ]
    data = [exchange.statements_data(other) for other in [*earlier, accounts]]
    return ratios_by_year(data, norms())


def ratios_chart(years: list[YearRatios]) -> str:
    return ratios_svg(years, norms())


def accounts_deadlines(accounts: AnnualAccounts) -> list[Deadline]:
    return _deadlines(
        year=accounts.year,
        extension_months=accounts.extension_months,
        drawn_up_months=norms()["accounts_drawn_up_months"],
        signatures=[(s.name, s.signed_on, s.missing_reason) for s in accounts.signatures.all()],
        adopted_on=accounts.adopted_on,
    )


@dataclass(frozen=True)
class Row:
    line: StatementLine
    depth: int
    subtotal: bool = False  # the closing row of a group, with the group's amount
    has_children: bool = False  # a group's heading (the line has sub-lines)


def _statement_rows(lines: list[StatementLine], parents: set[int]) -> list[Row]:
    """`lines` of one statement in reading order; `parents`: the lines that have sub-lines."""
    children: dict[int | None, list[StatementLine]] = {}
    for line in lines:
        children.setdefault(line.parent_id, []).append(line)
    rows: list[Row] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for line in children.get(parent_id, []):
            group = line.pk in parents
            rows.append(Row(line, depth, has_children=group))
            if children.get(line.pk):
                walk(line.pk, depth + 1)
                if line.amount is not None:
                    rows.append(Row(line, depth, subtotal=True, has_children=group))

    walk(None, 0)
    return rows


def statement_rows(accounts: AnnualAccounts, statement: str) -> list[Row]:
    """The statement's lines in reading order: a group's heading, its lines, its subtotal."""
    return statements(accounts, only=statement)[0][2]


def statements(
    accounts: AnnualAccounts, only: str | None = None
) -> list[tuple[str, str, list[Row]]]:
    """Each statement (or the one `only`) with its rows in reading order, from one query of
    the accounts' lines."""
    lines = list(accounts.lines.all())
    by_pk = {line.pk: line for line in lines}
    for line in lines:  # `line.parent` without a query per line
        if line.parent_id in by_pk:
            StatementLine.parent.field.set_cached_value(line, by_pk[line.parent_id])
    parents = {line.parent_id for line in lines if line.parent_id is not None}
    return [
        (
            s.value,
            s.label,
            _statement_rows([line for line in lines if line.statement == s.value], parents),
        )
        for s in Statement
        if only is None or s.value == only
    ]


def statements_for_page(accounts: AnnualAccounts, *, cached: bool) -> tuple[Any, Any, str, str]:
    """The statements and the notes' tables of `accounts` as the accounts page shows them, and
    the digests of what they show: the same digest, the same rendering. Frozen accounts never
    change (a correction is a new version): they are read only when rendered (a callable and
    a lazy queryset for the template), and no digest is needed. Draft accounts are read here;
    the statements have a digest only when `cached` (without the controller's edit links)."""
    tables = accounts.tables.prefetch_related("rows")
    if accounts.frozen:
        return partial(statements, accounts), tables, "", ""
    rows, tables = statements(accounts), list(tables)
    shown = [
        [(r.line.pk, r.line.code, r.line.label, r.line.total_label, r.line.note, r.line.amount,
          r.line.prior_amount, r.line.is_total, r.depth, r.subtotal, r.has_children)
         for r in statement_rows]
        for _key, _label, statement_rows in rows
    ]  # fmt: skip
    notes = [
        (t.note, t.title, t.columns, t.remarks,
         [(r.label, r.values, r.is_total, r.is_text, r.provision) for r in t.rows.all()])
        for t in tables
    ]  # fmt: skip
    return rows, tables, _digest(shown) if cached else "", _digest(notes)


def _digest(value) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()


def proposals_of(accounts: AnnualAccounts) -> QuerySet[AssemblyProposal]:
    return accounts.proposals.select_related("poll", "decision", "agenda_item__meeting")


def signatures_of(accounts: AnnualAccounts) -> QuerySet:
    """The signatures under the accounts (the board's and the supervisory board's)."""
    return accounts.signatures.order_by("pk")


def line_of(accounts: AnnualAccounts, code: str) -> StatementLine:
    line = accounts.lines.filter(code=code).first()
    if line is None:
        raise Http404
    return line


# --- budget and tariffs -------------------------------------------------------------------


def budgets_visible(user) -> QuerySet[Budget]:
    if can_read_all(user):
        return Budget.objects.all()
    return Budget.objects.filter(status="approved")


def budget_for_user(user, year: int) -> Budget:
    budget = budgets_visible(user).filter(year=year).prefetch_related("lines").first()
    if budget is None:
        raise Http404
    return budget


def tariff_years() -> QuerySet[TariffYear]:
    return TariffYear.objects.all()


def tariff_year(year: int) -> TariffYear:
    """The tariffs of `year` with their prices (and each price's service) and tiers."""
    found = (
        TariffYear.objects.filter(year=year).prefetch_related("prices__service", "tiers").first()
    )
    if found is None:
        raise Http404
    return found


def _services_taken(members: QuerySet) -> dict[int, set[int]]:
    # The member register offers no selector for the services a member takes yet; this is the
    # one place that reads them (members.selectors.member_services would replace it). One query
    # of the members' services (a prefetch would make a manager per member).
    through = apps.get_model("members", "Member").services.through
    taken: dict[int, set[int]] = {}
    for member_id, service_id in through.objects.filter(
        member__in=members.values("pk")
    ).values_list("member_id", "service_id"):
        taken.setdefault(member_id, set()).add(service_id)
    return taken


def services_by_code() -> dict[str, Any]:
    """The association's services by code (members.Service, read here until the register
    offers a selector)."""
    return {service.code: service for service in apps.get_model("members", "Service").objects.all()}


def contributions(
    year: int, *, member=None
) -> tuple[TariffYear, list[tuple[Any, tariffs.Contribution]]]:
    """Each member on the register's contribution for `year` (only `member`'s when given:
    no row when it is not on the register)."""
    from members import selectors as member_selectors

    tariff = tariff_year(year)
    prices = [
        (p.service_id, p.service.code, p.service.name, p.price_cents) for p in tariff.prices.all()
    ]
    tiers = [(t.min_services, t.percent) for t in tariff.tiers.all()]
    rows = []
    register = member_selectors.member_register(on=timezone.localdate()).order_by("name")
    if member is not None:
        register = register.filter(pk=member.pk)
    # The register's current mandates are not needed here: only the services taken, and of
    # the member only what the pages show (hundreds of members).
    register = register.prefetch_related(None).only("pk", "name", "slug", "inhabitants")
    taken_by = _services_taken(register)
    for row in register:
        taken = taken_by.get(row.pk, set())
        rows.append(
            (
                row,
                tariffs.contribution(
                    member=row.name,
                    inhabitants=row.inhabitants,
                    prices=[(code, name, cents) for pk, code, name, cents in prices if pk in taken],
                    surcharge_cents=tariff.surcharge_cents,
                    tiers=tiers,
                ),
            )
        )
    return tariff, rows


def contributions_digest(rows) -> str:
    """What the list of contributions shows (per member its name, link and contribution) as
    a short hash: the same digest, the same rows on the page."""
    shown = [(member.name, *rest) for member, *rest in rows]
    return hashlib.sha256(repr(shown).encode()).hexdigest()


def can_see_contribution(user, member) -> bool:
    from members import selectors as member_selectors

    return can_read_all(user) or member_selectors.is_secretary_of(user, member)


def contribution_for_user(
    user, year: int, slug: str
) -> tuple[TariffYear, Any, tariffs.Contribution]:
    from members import selectors as member_selectors

    try:
        member = member_selectors.member_by_slug(slug)
    except Exception as error:  # the register raises its own DoesNotExist
        raise Http404 from error
    if not can_see_contribution(user, member):
        raise RuleDenied(
            _("Only the member's secretary and the association's staff see this contribution."),
            code="tariff-member-not-visible",
        )
    tariff, rows = contributions(year, member=member)
    found = next((c for m, c in rows if m.pk == member.pk), None)
    if found is None:
        raise Http404
    return tariff, member, found


# --- the home page ------------------------------------------------------------------------


def finance_panels(user: User):
    """What is due in the legal calendar, for the controller and the secretariat."""
    from django.urls import reverse

    from accounts.selectors import Panel

    if not role_names(user) & {Role.CONTROLLER, Role.SECRETARIAT}:
        return []
    today = timezone.localdate()
    items = []
    for accounts in accounts_latest_per_year().exclude(frozen=True):
        for deadline in accounts_deadlines(accounts):
            if deadline.done_on is None:
                items.append(
                    (
                        _("Annual accounts %(year)s: %(what)s by %(date)s%(late)s")
                        % {
                            "year": accounts.year,
                            "what": deadline.label,
                            "date": deadline.due_on.strftime("%d-%m-%Y"),
                            "late": _(" (overdue)") if deadline.state(today) == "overdue" else "",
                        },
                        reverse("finance:accounts-detail", args=[accounts.year]),
                    )
                )
    return [Panel(title=_("Annual accounts: what is due"), items=items, empty=_("Nothing is due."))]
