"""Writes to the member register. Other apps call these functions, not the models.

Every function checks its own rules and raises `ValidationError` with a message a secretary
or the secretariat can act on (or `RuleDenied`, a 403), each with the rule's code
(docs/rules.md); nothing is stored when it does. The guards are the `_check_*` functions.
"""

from __future__ import annotations

import calendar
import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.roles import is_secretariat
from dimpact_portal.queueing import enqueue_on_commit
from dimpact_portal.rules import RuleDenied
from members import tasks
from members.constants import PROPOSABLE_MEMBER_FIELDS, MandateKind, ProposalStatus
from members.models import ChangeProposal, Mandate, Member
from members.selectors import is_secretary_of, member_snapshot
from statutes.selectors import association_current

if TYPE_CHECKING:
    from accounts.models import User
    from statutes.models import Association

MANDATE_KEYS = ("salutation", "name", "function_title", "email", "starts_on")


def _short(day: datetime.date) -> str:
    """A date in a message as everywhere else on the pages (17-06-2020)."""
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def change_proposal_submit(
    *, member: Member, proposed_by: User, changes: dict[str, Any], reason: str = ""
) -> ChangeProposal:
    """Record a proposed change to `member`'s register entry, for the secretariat to decide.

    `changes` has up to three parts: "member" (a dict of member fields), "representative"
    and "secretary" (each the new person, with the date they start).
    """
    _check_proposer_is_members_secretary(proposed_by, member)
    cleaned = _clean_changes(member, changes)
    with transaction.atomic():
        # A double click or a retried request must not leave two identical proposals: the
        # member's row lock serialises proposals for one member.
        Member.objects.select_for_update().filter(pk=member.pk).first()
        duplicate = ChangeProposal.objects.filter(
            member=member, status=ProposalStatus.PENDING, changes=cleaned
        ).first()
        if duplicate is not None:
            return duplicate
        proposal = ChangeProposal(
            member=member, proposed_by=proposed_by, changes=cleaned, reason=reason.strip()
        )
        proposal.full_clean()
        proposal.save()
        enqueue_on_commit(tasks.notify_change_proposal_submitted, proposal.pk)
    return proposal


def change_proposal_confirm(
    *, proposal: ChangeProposal, decided_by: User, note: str = ""
) -> ChangeProposal:
    """Apply a pending proposal to the register; the previous entry is kept with it."""
    _check_decided_by_secretariat(
        decided_by, _("Only the secretariat can confirm changes to the register.")
    )
    with transaction.atomic():
        proposal = _lock_pending(proposal)
        member = Member.objects.select_for_update().get(pk=proposal.member_id)
        proposal.previous = member_snapshot(member)
        member_changes = proposal.changes.get("member", {})
        for field, value in member_changes.items():
            setattr(member, field, value)
        if member_changes:
            member.full_clean()
            member.save()
        for kind in MandateKind:
            new = proposal.changes.get(kind.value)
            if new:
                _mandate_replace(member=member, kind=kind, new=new, proposal=proposal)
        _decide(proposal, ProposalStatus.CONFIRMED, decided_by, note)
    return proposal


def change_proposal_reject(
    *, proposal: ChangeProposal, decided_by: User, note: str
) -> ChangeProposal:
    """Turn a proposal down; the note tells the secretary why."""
    _check_decided_by_secretariat(
        decided_by, _("Only the secretariat can reject changes to the register.")
    )
    _check_rejection_has_reason(note)
    with transaction.atomic():
        proposal = _lock_pending(proposal)
        proposal.previous = member_snapshot(proposal.member)
        _decide(proposal, ProposalStatus.REJECTED, decided_by, note)
    return proposal


def member_leave(
    *, member: Member, notice_given_on: datetime.date, left_on: datetime.date, recorded_by: User
) -> Member:
    """Record that a member leaves (uittreden) on `left_on`, after notice on `notice_given_on`.

    The statutes' notice period and yearly limit on leavers are the association's settings.
    The member's representative and secretary mandates end the day it leaves.
    """
    _check_register_kept_by_secretariat(recorded_by)
    association = association_current()
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        _check_not_left_yet(member)
        _check_leaving_after_joining(member, left_on)
        _check_leaving_after_notice(notice_given_on, left_on)
        _check_leaving_notice(association, notice_given_on, left_on)
        _check_leaving_yearly_limit(association, left_on)
        member.notice_given_on = notice_given_on
        member.left_on = left_on
        member.full_clean()
        member.save()
        for mandate in member.mandates.select_for_update().filter(
            Q(ends_on__isnull=True) | Q(ends_on__gt=left_on)
        ):
            mandate.ends_on = left_on
            mandate.full_clean()
            mandate.save()
    return member


def _check_proposer_is_members_secretary(user: User, member: Member) -> None:
    if not (is_secretary_of(user, member) or is_secretariat(user)):
        raise RuleDenied(
            _("Only this member's secretary can propose changes to it."),
            code="change-proposal-by-members-secretary",
        )


def _check_decided_by_secretariat(user: User, refusal: str) -> None:
    if not is_secretariat(user):
        raise RuleDenied(refusal, code="change-proposal-decided-by-secretariat")


def _check_rejection_has_reason(note: str) -> None:
    if not note.strip():
        raise ValidationError(
            {
                "note": ValidationError(
                    _("Say why the change is rejected; the secretary who proposed it reads this."),
                    code="change-proposal-rejection-reason",
                )
            }
        )


def _check_register_kept_by_secretariat(user: User) -> None:
    if not is_secretariat(user):
        raise RuleDenied(
            _("Only the secretariat keeps the member register."),
            code="member-register-kept-by-secretariat",
        )


def _check_not_left_yet(member: Member) -> None:
    if member.left_on is not None:
        raise ValidationError(
            _("%(member)s already left on %(date)s.")
            % {"member": member, "date": _short(member.left_on)},
            code="member-already-left",
        )


def _check_leaving_after_joining(member: Member, left_on: datetime.date) -> None:
    if member.joined_on and left_on < member.joined_on:
        raise ValidationError(
            {
                "left_on": ValidationError(
                    _("A member cannot leave before it joined."),
                    code="member-leaving-before-joining",
                )
            }
        )


def _check_leaving_after_notice(notice_given_on: datetime.date, left_on: datetime.date) -> None:
    if left_on < notice_given_on:
        raise ValidationError(
            {
                "left_on": ValidationError(
                    _("The member cannot leave before it gives notice."),
                    code="member-leaving-before-notice",
                )
            }
        )


def _check_leaving_notice(
    association: Association, notice_given_on: datetime.date, left_on: datetime.date
) -> None:
    """The statutes' notice period (`leaving_notice_months`) has passed by `left_on`."""
    earliest = _add_months(notice_given_on, association.leaving_notice_months)
    if left_on < earliest:
        message = _(
            "The statutes ask %(months)d months' notice: notice given on %(notice)s "
            "allows leaving on %(earliest)s at the earliest."
        ) % {
            "months": association.leaving_notice_months,
            "notice": _short(notice_given_on),
            "earliest": _short(earliest),
        }
        raise ValidationError({"left_on": ValidationError(message, code="member-leaving-notice")})


def _check_leaving_yearly_limit(association: Association, left_on: datetime.date) -> None:
    """At most `max_leavers_per_year` members leave in `left_on`'s year (call in a transaction)."""
    if association.max_leavers_per_year is None:
        return
    # Serialise recordings of leavers: lock the association row.
    type(association).objects.select_for_update().get(pk=association.pk)
    leaving_that_year = Member.objects.filter(left_on__year=left_on.year).count()
    if leaving_that_year >= association.max_leavers_per_year:
        message = _(
            "The statutes allow at most %(limit)d members to leave in %(year)d; "
            "that many leave already."
        ) % {"limit": association.max_leavers_per_year, "year": left_on.year}
        raise ValidationError(
            {"left_on": ValidationError(message, code="member-leaving-yearly-limit")}
        )


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def _lock_pending(proposal: ChangeProposal) -> ChangeProposal:
    locked = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != ProposalStatus.PENDING:
        raise ValidationError(
            _("This proposal was already %(status)s; it cannot be decided again.")
            % {"status": locked.get_status_display().lower()},
            code="proposal-not-pending",
        )
    return locked


def _decide(proposal: ChangeProposal, status: str, decided_by: User, note: str) -> None:
    proposal.status = status
    proposal.decided_by = decided_by
    proposal.decided_at = timezone.now()
    proposal.decision_note = note.strip()
    proposal.full_clean()
    proposal.save()
    enqueue_on_commit(tasks.notify_change_proposal_decided, proposal.pk)


def _mandate_replace(
    *, member: Member, kind: MandateKind, new: dict[str, Any], proposal: ChangeProposal
) -> Mandate:
    starts_on = datetime.date.fromisoformat(new["starts_on"])
    current = member.mandates.select_for_update().filter(kind=kind, ends_on__isnull=True).first()
    if current is not None:
        if current.starts_on and current.starts_on >= starts_on:
            raise ValidationError(
                _(
                    "The new %(role)s cannot start on or before the day the current one "
                    "started (%(date)s)."
                )
                % {"role": kind.label.lower(), "date": _short(current.starts_on)},
                code="mandate-starts-after-current",
            )
        current.ends_on = starts_on - datetime.timedelta(days=1)
        current.full_clean()
        current.save()
    mandate = Mandate(
        member=member,
        kind=kind,
        starts_on=starts_on,
        salutation=new.get("salutation", ""),
        name=new["name"],
        function_title=new.get("function_title", ""),
        email=new.get("email", ""),
        source=_("Change proposal of %(date)s")
        % {"date": _short(timezone.localdate(proposal.proposed_at))},
    )
    mandate.full_clean()
    mandate.save()
    return mandate


def _clean_changes(member: Member, changes: dict[str, Any]) -> dict[str, Any]:
    """Keep only real changes, validated; raise when nothing would change."""
    cleaned: dict[str, Any] = {}
    member_changes = _clean_member_changes(member, changes.get("member") or {})
    if member_changes:
        cleaned["member"] = member_changes
    for kind in MandateKind:
        new = changes.get(kind.value)
        if new:
            cleaned[kind.value] = _clean_person(kind, new)
    if not cleaned:
        raise ValidationError(
            _("Nothing would change: the proposal repeats the register."),
            code="change-proposal-changes-nothing",
        )
    return cleaned


def _clean_member_changes(member: Member, changes: dict[str, Any]) -> dict[str, Any]:
    member_changes = {}
    for field, value in changes.items():
        if field not in PROPOSABLE_MEMBER_FIELDS:
            raise ValidationError(
                _("The field %(field)s cannot be changed by a proposal.") % {"field": field},
                code="change-proposal-field-not-proposable",
            )
        model_field = Member._meta.get_field(field)
        value = (
            model_field.clean(value, member)
            if value not in (None, "")
            else (None if model_field.null else "")
        )
        if value != getattr(member, field):
            member_changes[field] = value
    return member_changes


def _clean_person(kind: MandateKind, new: dict[str, Any]) -> dict[str, Any]:
    """The new representative or secretary of a proposal: a name and a valid start date."""
    unknown = set(new) - set(MANDATE_KEYS)
    if unknown:
        raise ValidationError(
            _("Unknown details for a person: %(keys)s") % {"keys": ", ".join(sorted(unknown))},
            code="change-proposal-person-unknown-details",
        )
    role = kind.label.lower()
    if not (new.get("name") or "").strip():
        message = _("Give the name of the new %(role)s.") % {"role": role}
        raise ValidationError(
            {kind.value: ValidationError(message, code="change-proposal-person-name")}
        )
    starts_on = new.get("starts_on")
    if isinstance(starts_on, datetime.date):
        starts_on = starts_on.isoformat()
    if not starts_on:
        message = _("Give the date the new %(role)s starts.") % {"role": role}
        raise ValidationError(
            {kind.value: ValidationError(message, code="change-proposal-person-start-date")}
        )
    try:
        datetime.date.fromisoformat(starts_on)
    except ValueError as exc:
        message = _("The start date is not a valid date.")
        raise ValidationError(
            {kind.value: ValidationError(message, code="change-proposal-person-start-date")}
        ) from exc
    person = {key: (str(new.get(key) or "")).strip() for key in MANDATE_KEYS}
    person["starts_on"] = starts_on
    if person["email"]:
        Mandate._meta.get_field("email").clean(person["email"], None)
    return person


def _check_account_opened_by_secretariat(user: User) -> None:
    if not is_secretariat(user):
        raise RuleDenied(
            _("Only the secretariat opens an account for a member's person."),
            code="mandate-account-by-secretariat",
        )


def _check_mandate_has_address(mandate: Mandate) -> None:
    if not mandate.email:
        raise ValidationError(
            _("%(name)s has no e-mail address in the register: add one first.")
            % {"name": mandate.name},
            code="mandate-account-needs-address",
        )


def mandate_account_open(*, mandate: Mandate, actor: User) -> User:
    """The portal account of a representative or secretary who has none yet: the account with
    the register's e-mail address, made without a password (as a proxy holder's) when there
    is none; linked to the mandate, so that the person votes or files for the member. An
    account already linked is returned as it is."""
    from accounts import selectors as account_selectors
    from accounts import services as account_services

    _check_account_opened_by_secretariat(actor)
    with transaction.atomic():
        mandate = (
            Mandate.objects.select_for_update(of=("self",))
            .select_related("member", "user")
            .get(pk=mandate.pk)
        )
        if mandate.user is not None:
            return mandate.user
        _check_mandate_has_address(mandate)
        user = account_selectors.user_by_email(mandate.email)
        if user is None:
            first, _sep, last = mandate.name.partition(" ")
            user = account_services.user_create_without_password(
                email=mandate.email,
                first_name=first,
                last_name=last,
                function_title=mandate.function_title,
                organisation=_("Municipality %(name)s") % {"name": mandate.member.name},
            )
        mandate.user = user
        mandate.full_clean()
        mandate.save(update_fields=["user"])
    return user
