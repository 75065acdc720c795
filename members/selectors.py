"""Reads of the member register. Other apps import from here (and `services`), not from models."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _

from accounts.roles import is_secretariat
from dimpact_portal.rules import RuleDenied
from members.constants import (
    PROPOSABLE_MEMBER_FIELDS,
    MandateKind,
    ProposalStatus,
    Region,
    SizeClass,
)
from members.models import ChangeProposal, Mandate, Member


def member_register(
    *, on: datetime.date | None = None, region: str = "", size_class: str = ""
) -> QuerySet[Member]:
    """The register on date `on` (today when not given), with the mandates current that day."""
    on = on or timezone.localdate()
    members = Member.objects.on_register(on)
    if region:
        members = members.filter(region=region)
    if size_class:
        members = members.filter(size_class=size_class)
    return members.prefetch_related(
        Prefetch("mandates", queryset=Mandate.objects.current(on), to_attr="current_mandates")
    )


def register_rows(members) -> list[tuple]:
    """(member, representative, secretary, region, size class) for each of `members` (from
    `member_register`): the labels as `get_region_display` and `get_size_class_display`
    give them, with the choices looked up once instead of per row."""
    regions, sizes = dict(Region.choices), dict(SizeClass.choices)
    return [
        (
            member,
            mandate_current(member, MandateKind.REPRESENTATIVE),
            mandate_current(member, MandateKind.SECRETARY),
            force_str(regions.get(member.region, member.region), strings_only=True),
            force_str(sizes.get(member.size_class, member.size_class), strings_only=True),
        )
        for member in members
    ]


def mandate_current(member: Member, kind: MandateKind) -> Mandate | None:
    """The member's current representative or secretary (uses a prefetch when present)."""
    mandates = getattr(member, "current_mandates", None)
    if mandates is None:
        mandates = list(member.mandates.current())
    return next((m for m in mandates if m.kind == kind), None)


def members_of_secretary(user) -> QuerySet[Member]:
    """Members for which `user` currently acts as municipal secretary."""
    if not user.is_authenticated:
        return Member.objects.none()
    return Member.objects.filter(
        pk__in=Mandate.objects.current()
        .filter(user=user, kind=MandateKind.SECRETARY)
        .values("member_id")
    )


def members_of_representative(user) -> QuerySet[Member]:
    """Members that `user` currently represents in the general assembly."""
    if not user.is_authenticated:
        return Member.objects.none()
    return Member.objects.filter(
        pk__in=Mandate.objects.current()
        .filter(user=user, kind=MandateKind.REPRESENTATIVE)
        .values("member_id")
    )


def is_secretary_of(user, member: Member) -> bool:
    return members_of_secretary(user).filter(pk=member.pk).exists()


def can_see_member_records(user, member: Member) -> bool:
    """Private records of a member (contacts, proposals, history): its own people and staff."""
    return (
        is_secretariat(user)
        or is_secretary_of(user, member)
        or (members_of_representative(user).filter(pk=member.pk).exists())
    )


def member_can_propose(user, member: Member) -> bool:
    """Whether `user` may propose a change to `member`'s entry: its secretary, the secretariat."""
    return is_secretariat(user) or is_secretary_of(user, member)


def member_can_record_leaving(user, member: Member) -> bool:
    """Whether `user` may record that `member` leaves: the secretariat, once per member."""
    return is_secretariat(user) and member.left_on is None


def proposal_can_decide(user, proposal: ChangeProposal) -> bool:
    """Whether `user` may confirm or reject `proposal`: the secretariat, while it is pending."""
    return is_secretariat(user) and proposal.status == ProposalStatus.PENDING


def member_for_change(user, slug: str) -> Member:
    """The member whose data `user` wants to change; 404 if unknown, 403 if not theirs."""
    member = get_object_or_404(Member, slug=slug)
    if not (is_secretariat(user) or is_secretary_of(user, member)):
        raise RuleDenied(
            _("Only this member's secretary can propose changes to it."),
            code="change-proposal-by-members-secretary",
        )
    return member


def proposal_for_user(user, pk: int) -> ChangeProposal:
    """A change proposal the user may see: the secretariat's, or one of their own member's."""
    proposal = get_object_or_404(
        ChangeProposal.objects.select_related("member", "proposed_by", "decided_by"), pk=pk
    )
    if not (is_secretariat(user) or is_secretary_of(user, proposal.member)):
        raise RuleDenied(
            _("This change proposal belongs to another member."),
            code="change-proposal-of-another-member",
        )
    return proposal


def proposals_pending() -> QuerySet[ChangeProposal]:
    return (
        ChangeProposal.objects.filter(status=ProposalStatus.PENDING)
        .select_related("member", "proposed_by")
        .order_by("proposed_at")
    )


def proposals_of_member(member: Member) -> QuerySet[ChangeProposal]:
    return member.change_proposals.select_related("proposed_by", "decided_by")


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: str
    after: str


MANDATE_LABELS = {
    "salutation": Mandate._meta.get_field("salutation").verbose_name,
    "name": Mandate._meta.get_field("name").verbose_name,
    "function_title": Mandate._meta.get_field("function_title").verbose_name,
    "email": Mandate._meta.get_field("email").verbose_name,
    "starts_on": Mandate._meta.get_field("starts_on").verbose_name,
}


def proposal_rows(proposal: ChangeProposal) -> list[ChangeRow]:
    """What a proposal changes, as before/after rows.

    Before a decision "before" is the register now; afterwards it is the snapshot taken at
    the decision, so the history shows what was replaced.
    """
    decided = proposal.status != ProposalStatus.PENDING
    before = proposal.previous if decided else member_snapshot(proposal.member)
    rows = []
    for field in PROPOSABLE_MEMBER_FIELDS:
        if field in proposal.changes.get("member", {}):
            rows.append(
                ChangeRow(
                    label=str(Member._meta.get_field(field).verbose_name).capitalize(),
                    before=_display(before.get("member", {}).get(field)),
                    after=_display(proposal.changes["member"][field]),
                )
            )
    for kind in MandateKind:
        new = proposal.changes.get(kind.value)
        if not new:
            continue
        old = before.get(kind.value) or {}
        for key, label in MANDATE_LABELS.items():
            # A new person's empty details next to the old person's empty ones say nothing.
            if key in new and (new.get(key) or old.get(key)):
                rows.append(
                    ChangeRow(
                        label=f"{kind.label}: {label}",
                        before=_display(old.get(key), iso_date=key == "starts_on"),
                        after=_display(new.get(key), iso_date=key == "starts_on"),
                    )
                )
    return rows


def member_snapshot(member: Member) -> dict:
    """The proposable part of the register for `member`, as plain JSON-ready values."""
    snapshot: dict = {"member": {f: getattr(member, f) for f in PROPOSABLE_MEMBER_FIELDS}}
    for kind in MandateKind:
        mandate = member.mandates.current().filter(kind=kind).first()
        snapshot[kind.value] = (
            None
            if mandate is None
            else {
                "salutation": mandate.salutation,
                "name": mandate.name,
                "function_title": mandate.function_title,
                "email": mandate.email,
                "starts_on": mandate.starts_on.isoformat() if mandate.starts_on else None,
            }
        )
    return snapshot


def _display(value, *, iso_date: bool = False) -> str:
    if value in (None, ""):
        return "—"
    if iso_date:  # dates travel as ISO strings in a proposal's JSON
        return formats.date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    if isinstance(value, int):
        return formats.number_format(value, force_grouping=True)
    return str(value)


# Reads the proxies and voting apps take from the register (so they need not touch its models).


def member_by_slug(slug: str) -> Member:
    """The member with `slug`; 404 when there is none."""
    return get_object_or_404(Member, slug=slug)


def member_names(pks) -> dict[int, str]:
    """Member pk → name, for the members `pks`."""
    return dict(Member.objects.filter(pk__in=pks).values_list("pk", "name"))


def members_of_person(user) -> QuerySet[Member]:
    """Members for which `user` is currently secretary or representative, each once."""
    return (members_of_secretary(user) | members_of_representative(user)).distinct()


def representative_on(member: Member, on: datetime.date) -> Mandate | None:
    """The member's representative on date `on` (with its account)."""
    return (
        Mandate.objects.current(on)
        .filter(member=member, kind=MandateKind.REPRESENTATIVE)
        .select_related("user")
        .first()
    )


def mandates_of_others(member: Member, on: datetime.date) -> QuerySet[Mandate]:
    """Representatives and secretaries, on date `on`, of the members other than `member`."""
    others = member_register(on=on).exclude(pk=member.pk)
    return (
        Mandate.objects.current(on)
        .filter(member__in=others)
        .select_related("member", "user")
        .order_by("member__name", "kind")
    )


def secretaries_of(members: QuerySet[Member], on: datetime.date) -> QuerySet[Mandate]:
    """The secretaries of `members` on date `on`."""
    return (
        Mandate.objects.current(on)
        .filter(member__in=members, kind=MandateKind.SECRETARY)
        .select_related("member", "user")
    )


def mandate_email(mandate: Mandate) -> str:
    """Where to write to the person of `mandate`: the register's address, else the account's."""
    return mandate.email or (mandate.user.email if mandate.user else "")


def member_db_tables() -> dict[str, str]:
    """The register's table names, for the voting app's single-query ballot check."""
    return {"member": Member._meta.db_table, "mandate": Mandate._meta.db_table}


def mandates_on_register(on: datetime.date) -> QuerySet[Mandate]:
    """The current mandates (with accounts) of the members on the register on date `on`."""
    return (
        Mandate.objects.current(on).filter(member__in=member_register(on=on)).select_related("user")
    )


def representatives_of(members: QuerySet[Member], on: datetime.date) -> dict[int, Mandate]:
    """Member pk → its representative's mandate current on `on` (with its account), in one
    query, for the members of `members` that have one."""
    return {
        mandate.member_id: mandate
        for mandate in Mandate.objects.current(on)
        .filter(member__in=members, kind=MandateKind.REPRESENTATIVE)
        .select_related("user")
        .order_by("starts_on")
    }
