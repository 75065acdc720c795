"""Writes of the proxies app: file, change and revoke a proxy; derive the attendance list.

Every rule refuses with a message a secretary can act on and a stable code (docs/rules.md),
and nothing is stored when it does. Filing for one meeting is serialised on the meeting's row,
so that the count of proxies per holder holds under concurrent filing; one active proxy per
member is a database constraint.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts import selectors as account_selectors
from accounts import services as account_services
from accounts.roles import is_secretariat
from dimpact_portal.queueing import enqueue_on_commit
from dimpact_portal.rules import RuleDenied
from documents import services as document_services
from documents.constants import DocumentKind
from documents.inputs import ProxyInstruction, ProxyLetter
from documents.uploads import validate_pdf_upload
from meetings import selectors as meeting_selectors
from meetings import services as meeting_services
from meetings.constants import ASSEMBLY_KINDS, MeetingFormat
from members import selectors as member_selectors
from proxies import selectors, tasks
from proxies.constants import Position, ProxyStatus
from proxies.models import Proxy, VotingInstruction
from statutes.selectors import association_current

if TYPE_CHECKING:
    from accounts.models import User
    from documents.models import RenderedDocument
    from meetings.models import Meeting
    from members.models import Member

OPEN_FOR_PROXIES = selectors.OPEN_FOR_PROXIES


@dataclass(frozen=True)
class Holder:
    name: str
    email: str
    function: str = ""
    organisation: str = ""
    member: Member | None = None


# The rules, each a guard named after it (docs/rules.md lists their codes).


def _check_no_passing_on(user: User, meeting: Meeting, member: Member) -> None:
    """A holder cannot pass a proxy on: only the member itself grants it."""
    if selectors.proxies_held(meeting, user.email).filter(
        member=member
    ).exists() and not selectors.may_file_for(user, member):
        raise RuleDenied(
            _("A proxy holder cannot pass the proxy on: only %(member)s can grant it.")
            % {"member": member},
            code="proxy-no-passing-on",
        )


def _check_own_secretary(user: User, member: Member) -> None:
    if not selectors.may_file_for(user, member):
        raise RuleDenied(
            _("Only this member's secretary can file its proxy."), code="proxy-own-secretary-only"
        )


def _check_meeting_open(meeting: Meeting) -> None:
    if meeting.kind not in ASSEMBLY_KINDS or meeting.status not in OPEN_FOR_PROXIES:
        raise ValidationError(
            _("Proxies can be filed only for an assembly that is convened and not yet closed."),
            code="proxy-meeting-not-open",
        )


def _check_filed_before_start(meeting: Meeting, user: User, reason: str) -> None:
    """Once the meeting has started (`proxies.selectors.proxy_is_late`) a proxy is filed only
    by the secretariat, with the reason, which is kept."""
    if not selectors.proxy_is_late(meeting):
        return
    if not is_secretariat(user):
        raise RuleDenied(
            _(
                "The meeting has started: a proxy can no longer be filed; the secretariat can "
                "still file one, with a reason."
            ),
            code="proxy-meeting-started",
        )
    if not reason.strip():
        raise ValidationError(
            _("The meeting has started: give the reason for filing this proxy now; it is kept."),
            code="proxy-late-reason-required",
        )


def _check_member_on_register(meeting: Meeting, member: Member) -> None:
    if not member_selectors.member_register(on=meeting.date).filter(pk=member.pk).exists():
        raise ValidationError(
            _("%(member)s is not a member on %(date)s and cannot grant a proxy.")
            % {"member": member, "date": meeting.date.strftime("%d-%m-%Y")},
            code="proxy-member-not-on-register",
        )


def _check_one_per_member(meeting: Meeting, member: Member) -> None:
    existing = selectors.proxy_active(meeting, member)
    if existing is not None:
        raise ValidationError(
            _(
                "%(member)s already has a proxy for this meeting (to %(holder)s); change or "
                "revoke that one instead."
            )
            % {"member": member, "holder": existing.holder_name},
            code="proxy-one-per-member",
        )


def _check_decision_named(decision_reference: str) -> None:
    """Where the association requires it, a proxy names the executive's decision."""
    if association_current().proxy_requires_executive_decision and not decision_reference.strip():
        raise ValidationError(
            _("Give the number of the executive's decision: the statutes require it."),
            code="proxy-decision-required",
        )


def _check_not_own_representative(meeting: Meeting, member: Member, holder: Holder) -> None:
    representative = selectors.representative_of(member, meeting.date)
    if representative is None:
        return
    addresses = {representative.email.lower()} | (
        {representative.user.email.lower()} if representative.user else set()
    )
    if holder.email.lower() in addresses - {""}:
        raise ValidationError(
            _(
                "%(name)s is %(member)s's own representative: that is attendance, not a "
                "proxy. Register the representative as present instead."
            )
            % {"name": holder.name, "member": member},
            code="proxy-not-own-representative",
        )


def _check_holder_limit(meeting: Meeting, holder: Holder, *, exclude: Proxy | None) -> None:
    held = selectors.proxies_held(meeting, holder.email)
    if exclude is not None:
        held = held.exclude(pk=exclude.pk)
    if held.count() >= association_current().max_proxies_per_holder:
        raise ValidationError(
            _(
                "%(name)s already holds %(count)s proxies for this meeting, the most the "
                "statutes allow."
            )
            % {"name": holder.name, "count": held.count()},
            code="proxy-holder-limit",
        )


def _check_still_active(proxy: Proxy) -> None:
    if proxy.status != ProxyStatus.ACTIVE:
        raise ValidationError(
            _("This proxy was revoked; file a new one instead."), code="proxy-revoked"
        )
    if proxy.meeting.status not in OPEN_FOR_PROXIES:
        raise ValidationError(
            _("The meeting is closed; its proxies are kept as they were."),
            code="proxy-meeting-closed",
        )


def _check_change_deadline(proxy: Proxy, user: User, reason: str) -> None:
    """Until the deadline the member's secretary may change; afterwards the secretariat, with
    a reason that is kept."""
    if selectors.proxy_is_late(proxy.meeting):
        if not is_secretariat(user):
            raise RuleDenied(
                _(
                    "The meeting has started: only the secretariat can still change or revoke "
                    "this proxy."
                ),
                code="proxy-late-secretariat-only",
            )
        if not reason.strip():
            raise ValidationError(
                _("The meeting has started: give the reason for this change; it is kept."),
                code="proxy-late-reason-required",
            )
    elif not selectors.may_file_for(user, proxy.member):
        raise RuleDenied(
            _("Only this member's secretary can change its proxy."),
            code="proxy-own-secretary-only",
        )


def _check_instruction_items(positions: dict[int, str], items: dict[int, Any]) -> None:
    if set(positions) - set(items):
        raise ValidationError(
            _("Instructions can only be given for this meeting's decision items."),
            code="proxy-instruction-not-a-decision-item",
        )
    for position in positions.values():
        if position not in Position.values:
            raise ValidationError(
                _("Unknown position: %(position)s.") % {"position": position},
                code="proxy-instruction-unknown-position",
            )


# Helpers of the writes.


def _holder_user(holder: Holder) -> tuple[User, bool]:
    """The holder's account, made (without a password) when the holder has none."""
    user = account_selectors.user_by_email(holder.email)
    if user is not None:
        return user, False
    first, _sep, last = holder.name.partition(" ")
    user = account_services.user_create_without_password(
        email=holder.email,
        first_name=first,
        last_name=last,
        function_title=holder.function,
        organisation=holder.organisation,
    )
    return user, True


def _set_holder(proxy: Proxy, holder: Holder) -> bool:
    """Put `holder` on the proxy; True when the holder's account was just made."""
    holder_user, invite = _holder_user(holder)
    proxy.holder_name = holder.name.strip()
    proxy.holder_function = holder.function.strip()
    proxy.holder_organisation = holder.organisation.strip()
    proxy.holder_email = holder.email.strip().lower()
    proxy.holder_member = holder.member
    proxy.holder_user = holder_user
    return invite


def _attach_scan(proxy: Proxy, scan) -> None:
    if scan is not None:
        proxy.scan_size = scan.size
        proxy.scan.save(scan.name, scan, save=False)


def _lock_proxy(proxy: Proxy) -> Proxy:
    meeting_selectors.meeting_lock(proxy.meeting_id)
    return Proxy.objects.select_for_update().select_related("meeting", "member").get(pk=proxy.pk)


def _instructions(proxy: Proxy, positions: dict[int, str]) -> None:
    items = {item.pk: item for item in selectors.decision_items(proxy.meeting)}
    _check_instruction_items(positions, items)
    for pk, item in items.items():
        position = positions.get(pk, Position.FREE)
        instruction = VotingInstruction.objects.filter(proxy=proxy, agenda_item=item).first()
        if instruction is None:
            VotingInstruction.objects.create(proxy=proxy, agenda_item=item, position=position)
        elif instruction.position != position:
            instruction.position = position
            instruction.save()


def _insert(proxy: Proxy) -> None:
    proxy.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            proxy.save()
    except IntegrityError:
        # Two secretaries filing at once: the partial unique constraint keeps one.
        raise ValidationError(
            _("%(member)s already has a proxy for this meeting.") % {"member": proxy.member},
            code="proxy-one-per-member",
        ) from None


def proxy_file(
    *,
    meeting: Meeting,
    member: Member,
    filed_by: User,
    holder: Holder,
    signatory_name: str,
    signatory_function: str,
    signed_on: datetime.date,
    decision_reference: str = "",
    decision_date: datetime.date | None = None,
    instructions: dict[int, str] | None = None,
    scan=None,
    reason: str = "",
) -> Proxy:
    """File `member`'s proxy for `meeting`; the letter is rendered when this commits. Once the
    meeting has started only the secretariat files, with a `reason`."""
    _check_no_passing_on(filed_by, meeting, member)
    _check_own_secretary(filed_by, member)
    if scan is not None:
        validate_pdf_upload(scan)
    with transaction.atomic():
        meeting = meeting_selectors.meeting_lock(meeting.pk)
        _check_meeting_open(meeting)
        _check_filed_before_start(meeting, filed_by, reason)
        _check_member_on_register(meeting, member)
        _check_one_per_member(meeting, member)
        _check_decision_named(decision_reference)
        _check_not_own_representative(meeting, member, holder)
        _check_holder_limit(meeting, holder, exclude=None)
        proxy = Proxy(
            meeting=meeting,
            member=member,
            signatory_name=signatory_name.strip(),
            signatory_function=signatory_function.strip(),
            signed_on=signed_on,
            decision_reference=decision_reference.strip(),
            decision_date=decision_date,
            filed_by=filed_by,
            revoke_reason=reason.strip(),  # the reason of a late filing, kept in its history
        )
        invite = _set_holder(proxy, holder)
        _attach_scan(proxy, scan)
        _insert(proxy)
        _instructions(proxy, instructions or {})
        proxy_letter_request(proxy=proxy, user=filed_by)
        if invite:
            enqueue_on_commit(tasks.invite_holder, proxy.pk)
    return proxy


CHANGEABLE_FIELDS = (
    "signatory_name",
    "signatory_function",
    "signed_on",
    "decision_reference",
    "decision_date",
)


def proxy_change(
    *,
    proxy: Proxy,
    user: User,
    reason: str = "",
    scan=None,
    instructions: dict[int, str] | None = None,
    **fields: Any,
) -> Proxy:
    """Change a proxy (holder, signatory, decision, instructions, signed letter) in place; its
    history keeps every earlier state and the letter gets a new version."""
    if scan is not None:
        validate_pdf_upload(scan)
    with transaction.atomic():
        proxy = _lock_proxy(proxy)
        _check_still_active(proxy)
        _check_change_deadline(proxy, user, reason)
        holder: Holder | None = fields.pop("holder", None)
        if holder is not None:
            _check_not_own_representative(proxy.meeting, proxy.member, holder)
            _check_holder_limit(proxy.meeting, holder, exclude=proxy)
            if _set_holder(proxy, holder):
                enqueue_on_commit(tasks.invite_holder, proxy.pk)
        for name in CHANGEABLE_FIELDS:
            if name in fields:
                setattr(proxy, name, fields[name])
        _attach_scan(proxy, scan)
        if reason.strip():
            proxy.revoke_reason = reason.strip()
        proxy.full_clean(validate_constraints=False)
        proxy.save()
        if instructions is not None:
            _instructions(proxy, instructions)
        proxy_letter_request(proxy=proxy, user=user)
    return proxy


def proxy_revoke(*, proxy: Proxy, user: User, reason: str = "") -> Proxy:
    with transaction.atomic():
        proxy = _lock_proxy(proxy)
        _check_still_active(proxy)
        _check_change_deadline(proxy, user, reason)
        proxy.status = ProxyStatus.REVOKED
        proxy.revoked_at = timezone.now()
        proxy.revoked_by = user
        proxy.revoke_reason = reason.strip()
        proxy.save()
    return proxy


def _letter(proxy: Proxy) -> ProxyLetter:
    """The letter's content, in the association's language (it is a record)."""
    meeting = proxy.meeting
    instructions = tuple(
        ProxyInstruction(
            number=str(instruction.agenda_item.position),
            title=instruction.agenda_item.title,
            position=str(instruction.get_position_display()),
        )
        for instruction in proxy.instructions.select_related("agenda_item").order_by(
            "agenda_item__position"
        )
    )
    where = (
        _("online")
        if meeting.format == MeetingFormat.DIGITAL
        else _("in %(place)s") % {"place": meeting.location}
    )
    decision_date = f" ({proxy.decision_date:%d-%m-%Y})" if proxy.decision_date else ""
    return ProxyLetter(
        member_name=_("Municipality %(name)s") % {"name": proxy.member.name},
        member_phrase=selectors.member_phrase(proxy.member),
        date=proxy.signed_on,
        holder_name=proxy.holder_name,
        holder_function=proxy.holder_function,
        holder_organisation=proxy.holder_organisation,
        meeting_title=_("%(meeting)s of %(association)s")
        % {"meeting": meeting.title, "association": association_current().short_name},
        meeting_date=meeting.date,
        meeting_where=where,
        signatory_name=proxy.signatory_name,
        signatory_function=proxy.signatory_function,
        decision_reference=f"{proxy.decision_reference}{decision_date}",
        instructions=instructions,
    )


def proxy_letter_request(*, proxy: Proxy, user: User | None) -> RenderedDocument:
    """The proxy letter (seed: "Volmacht ALV Dimpact") of the proxy as it is now."""
    with translation.override(settings.LANGUAGE_CODE):
        letter = _letter(proxy)
        title = _("Proxy %(member)s, %(meeting)s") % {
            "member": proxy.member,
            "meeting": proxy.meeting,
        }
    return document_services.document_request(
        kind=DocumentKind.PROXY_LETTER,
        source=proxy,
        context=letter.as_context(),
        title=title,
        requested_by=user,
    )


def attendance_register_representative(*, meeting: Meeting, member: Member, user: User) -> None:
    """The member's representative will attend (or attends): its row of the attendance list."""
    if not (
        member_selectors.is_secretary_of(user, member)
        or member_selectors.members_of_representative(user).filter(pk=member.pk).exists()
        or is_secretariat(user)
    ):
        raise RuleDenied(
            _("Only this member's people can register its attendance."),
            code="proxy-attendance-own-member-only",
        )
    if meeting.status not in OPEN_FOR_PROXIES:
        raise ValidationError(
            _("Attendance is registered for a convened meeting."),
            code="proxy-attendance-meeting-not-open",
        )
    if selectors.proxy_active(meeting, member) is not None:
        raise ValidationError(
            _("%(member)s has a proxy for this meeting; revoke it first.") % {"member": member},
            code="proxy-attendance-has-proxy",
        )
    representative = selectors.representative_of(member, meeting.date)
    name = representative.display_name if representative else user.get_full_name()
    meeting_services.attendance_record(meeting=meeting, member=member, person=name, present=True)


def _attendance_remark(proxy: Proxy, by_member: dict, by_holder: dict) -> str:
    """The remark on the member's row: "Volmacht", with the other members on the row of the
    holder's own member ("Volmacht Raalte en Olst-Wijhe"), blank on theirs."""
    label = pgettext("attendance remark", "Proxy")
    home = proxy.holder_member_id
    if home == proxy.member_id:
        others = [p.member.name for p in by_holder[proxy.holder_email] if p.member_id != home]
        # (outside the f-string, where makemessages finds it)
        conjunction = pgettext("list", "and")
        return f"{label} {get_text_list(others, conjunction)}" if others else label
    at_home = by_member.get(home) if home is not None else None
    if at_home is not None and at_home.holder_email == proxy.holder_email:
        return ""  # listed on the row of the holder's own member
    return label


def attendance_derive(*, meeting: Meeting, user: User) -> int:
    """Fill the members' rows of the attendance list from the proxies: the holder attends, and
    the holder's own member's row says for whom else ("Volmacht Raalte en Olst-Wijhe").
    Rows of members without a proxy keep what was registered. Returns the rows changed."""
    if not is_secretariat(user):
        raise RuleDenied(
            _("Only the secretariat keeps the attendance list."),
            code="proxy-attendance-secretariat-only",
        )
    # In the order they were given: the remark names the members as they came in.
    proxies = list(
        selectors.proxies_active(meeting)
        .select_related("member", "holder_member")
        .order_by("filed_at", "pk")
    )
    by_member = {p.member_id: p for p in proxies}
    by_holder: dict[str, list[Proxy]] = {}
    for proxy in proxies:
        by_holder.setdefault(proxy.holder_email, []).append(proxy)
    changed = 0
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        for member in member_selectors.member_register(on=meeting.date).order_by("name"):
            proxy = by_member.get(member.pk)
            if proxy is None:
                continue
            remark = _attendance_remark(proxy, by_member, by_holder)
            row = meeting_selectors.attendance_row(meeting, member)
            if row is not None and (row.person, row.remark, row.present) == (
                proxy.holder_name,
                remark,
                True,
            ):
                continue
            meeting_services.attendance_record(
                meeting=meeting,
                member=member,
                person=proxy.holder_name,
                present=True,
                remark=remark,
            )
            changed += 1
    return changed
