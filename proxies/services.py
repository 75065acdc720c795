"""Writes of the proxies app: file, change and revoke a proxy; derive the attendance list.

Every rule refuses with a message a secretary can act on, and nothing is stored when it does.
Filing for one meeting is serialised on the meeting's row, so that the count of proxies per
holder holds under concurrent filing; one active proxy per member is a database constraint.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import is_secretariat
from dimpact_portal.queueing import enqueue_on_commit
from documents import services as document_services
from documents.constants import DocumentKind
from documents.inputs import ProxyInstruction, ProxyLetter
from documents.models import RenderedDocument
from documents.uploads import validate_pdf_upload
from meetings import services as meeting_services
from meetings.constants import ASSEMBLY_KINDS, MeetingStatus
from meetings.models import Meeting
from members.models import Member
from members.selectors import is_secretary_of, member_register
from proxies import selectors, tasks
from proxies.constants import Position, ProxyStatus
from proxies.models import Proxy, VotingInstruction
from statutes.selectors import association_current

OPEN_FOR_PROXIES = (MeetingStatus.CONVENED, MeetingStatus.IN_SESSION)


@dataclass(frozen=True)
class Holder:
    name: str
    email: str
    function: str = ""
    organisation: str = ""
    member: Member | None = None


def _lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _check_filer(user: User, meeting: Meeting, member: Member) -> None:
    if selectors.proxies_held(meeting, user.email).filter(member=member).exists() and not (
        is_secretary_of(user, member) or is_secretariat(user)
    ):
        raise PermissionDenied(
            _("A proxy holder cannot pass the proxy on: only %(member)s can grant it.")
            % {"member": member}
        )
    if not (is_secretary_of(user, member) or is_secretariat(user)):
        raise PermissionDenied(_("Only this member's secretary can file its proxy."))


def _check_meeting(meeting: Meeting) -> None:
    if meeting.kind not in ASSEMBLY_KINDS or meeting.status not in OPEN_FOR_PROXIES:
        raise ValidationError(
            _("Proxies can be filed only for an assembly that is convened and not yet closed.")
        )


def _check_member(meeting: Meeting, member: Member) -> None:
    if not member_register(on=meeting.date).filter(pk=member.pk).exists():
        raise ValidationError(
            _("%(member)s is not a member on %(date)s and cannot grant a proxy.")
            % {"member": member, "date": meeting.date.strftime("%d-%m-%Y")}
        )


def _check_holder(
    meeting: Meeting, member: Member, holder: Holder, *, exclude: Proxy | None
) -> None:
    representative = selectors.representative_of(member, meeting.date)
    if representative is not None:
        addresses = {representative.email.lower()} | (
            {representative.user.email.lower()} if representative.user else set()
        )
        if holder.email.lower() in addresses - {""}:
            raise ValidationError(
                _(
                    "%(name)s is %(member)s's own representative: that is attendance, not a "
                    "proxy. Register the representative as present instead."
                )
                % {"name": holder.name, "member": member}
            )
    held = selectors.proxies_held(meeting, holder.email)
    if exclude is not None:
        held = held.exclude(pk=exclude.pk)
    limit = association_current().max_proxies_per_holder
    if held.count() >= limit:
        raise ValidationError(
            _(
                "%(name)s already holds %(count)s proxies for this meeting, the most the "
                "statutes allow."
            )
            % {"name": holder.name, "count": held.count()}
        )


def _check_deadline(proxy: Proxy, user: User, reason: str) -> None:
    """Until the deadline the member's secretary may change; afterwards the secretariat, with
    a reason that is kept."""
    if proxy.status != ProxyStatus.ACTIVE:
        raise ValidationError(_("This proxy was revoked; file a new one instead."))
    if proxy.meeting.status not in OPEN_FOR_PROXIES:
        raise ValidationError(_("The meeting is closed; its proxies are kept as they were."))
    late = timezone.now() >= selectors.changes_close_at(proxy.meeting) or (
        proxy.meeting.status == MeetingStatus.IN_SESSION
    )
    if late:
        if not is_secretariat(user):
            raise PermissionDenied(
                _(
                    "The meeting has started: only the secretariat can still change or revoke "
                    "this proxy."
                )
            )
        if not reason.strip():
            raise ValidationError(
                _("The meeting has started: give the reason for this change; it is kept.")
            )
    elif not (is_secretary_of(user, proxy.member) or is_secretariat(user)):
        raise PermissionDenied(_("Only this member's secretary can change its proxy."))


def _holder_user(holder: Holder) -> tuple[User, bool]:
    """The holder's account, made (without a password) when the holder has none."""
    user = User.objects.filter(email__iexact=holder.email).order_by("pk").first()
    if user is not None:
        return user, False
    first, _sep, last = holder.name.partition(" ")
    user = User(
        username=holder.email.lower()[:150],
        email=holder.email.lower(),
        first_name=first[:150],
        last_name=last[:150],
        function_title=holder.function[:200],
        organisation=holder.organisation[:200],
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    return user, True


def _instructions(proxy: Proxy, positions: dict[int, str]) -> None:
    items = {item.pk: item for item in selectors.decision_items(proxy.meeting)}
    unknown = set(positions) - set(items)
    if unknown:
        raise ValidationError(
            _("Instructions can only be given for this meeting's decision items.")
        )
    for pk, item in items.items():
        position = positions.get(pk, Position.FREE)
        if position not in Position.values:
            raise ValidationError(_("Unknown position: %(position)s.") % {"position": position})
        instruction = VotingInstruction.objects.filter(proxy=proxy, agenda_item=item).first()
        if instruction is None:
            VotingInstruction.objects.create(proxy=proxy, agenda_item=item, position=position)
        elif instruction.position != position:
            instruction.position = position
            instruction.save()


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
) -> Proxy:
    """File `member`'s proxy for `meeting`; the letter is rendered when this commits."""
    _check_filer(filed_by, meeting, member)
    if scan is not None:
        validate_pdf_upload(scan)
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        _check_meeting(meeting)
        _check_member(meeting, member)
        existing = selectors.proxy_active(meeting, member)
        if existing is not None:
            raise ValidationError(
                _(
                    "%(member)s already has a proxy for this meeting (to %(holder)s); change or "
                    "revoke that one instead."
                )
                % {"member": member, "holder": existing.holder_name}
            )
        _check_holder(meeting, member, holder, exclude=None)
        holder_user, invite = _holder_user(holder)
        proxy = Proxy(
            meeting=meeting,
            member=member,
            holder_name=holder.name.strip(),
            holder_function=holder.function.strip(),
            holder_organisation=holder.organisation.strip(),
            holder_email=holder.email.strip().lower(),
            holder_user=holder_user,
            holder_member=holder.member,
            signatory_name=signatory_name.strip(),
            signatory_function=signatory_function.strip(),
            signed_on=signed_on,
            decision_reference=decision_reference.strip(),
            decision_date=decision_date,
            filed_by=filed_by,
        )
        if scan is not None:
            proxy.scan_size = scan.size
            proxy.scan.save(scan.name, scan, save=False)
        proxy.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                proxy.save()
        except IntegrityError:
            raise ValidationError(
                _("%(member)s already has a proxy for this meeting.") % {"member": member}
            ) from None
        _instructions(proxy, instructions or {})
        proxy_letter_request(proxy=proxy, user=filed_by)
        if invite:
            enqueue_on_commit(tasks.invite_holder, proxy.pk)
    return proxy


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
        _lock_meeting(proxy.meeting)
        proxy = (
            Proxy.objects.select_for_update().select_related("meeting", "member").get(pk=proxy.pk)
        )
        _check_deadline(proxy, user, reason)
        holder: Holder | None = fields.pop("holder", None)
        if holder is not None:
            _check_holder(proxy.meeting, proxy.member, holder, exclude=proxy)
            holder_user, invite = _holder_user(holder)
            proxy.holder_name = holder.name.strip()
            proxy.holder_function = holder.function.strip()
            proxy.holder_organisation = holder.organisation.strip()
            proxy.holder_email = holder.email.strip().lower()
            proxy.holder_member = holder.member
            proxy.holder_user = holder_user
            if invite:
                enqueue_on_commit(tasks.invite_holder, proxy.pk)
        for name in (
            "signatory_name",
            "signatory_function",
            "signed_on",
            "decision_reference",
            "decision_date",
        ):
            if name in fields:
                setattr(proxy, name, fields[name])
        if scan is not None:
            proxy.scan_size = scan.size
            proxy.scan.save(scan.name, scan, save=False)
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
        _lock_meeting(proxy.meeting)
        proxy = (
            Proxy.objects.select_for_update().select_related("meeting", "member").get(pk=proxy.pk)
        )
        _check_deadline(proxy, user, reason)
        proxy.status = ProxyStatus.REVOKED
        proxy.revoked_at = timezone.now()
        proxy.revoked_by = user
        proxy.revoke_reason = reason.strip()
        proxy.save()
    return proxy


def _member_phrase(member: Member) -> str:
    return f"de gemeente {member.name}"


def proxy_letter_request(*, proxy: Proxy, user: User | None) -> RenderedDocument:
    """The proxy letter (seed: "Volmacht ALV Dimpact") of the proxy as it is now."""
    meeting = proxy.meeting
    association = association_current()
    with translation.override(settings.LANGUAGE_CODE):
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
            if meeting.format == "digital"
            else _("in %(place)s") % {"place": meeting.location}
        )
        letter = ProxyLetter(
            member_name=f"Gemeente {proxy.member.name}",
            member_phrase=_member_phrase(proxy.member),
            date=proxy.signed_on,
            holder_name=proxy.holder_name,
            holder_function=proxy.holder_function,
            holder_organisation=proxy.holder_organisation,
            meeting_title=f"{meeting.title} van {association.short_name}",
            meeting_date=meeting.date,
            meeting_where=where,
            signatory_name=proxy.signatory_name,
            signatory_function=proxy.signatory_function,
            decision_reference=(
                f"{proxy.decision_reference}"
                + (f" ({proxy.decision_date:%d-%m-%Y})" if proxy.decision_date else "")
            ),
            instructions=instructions,
        )
        title = _("Proxy %(member)s, %(meeting)s") % {"member": proxy.member, "meeting": meeting}
    return document_services.document_request(
        kind=DocumentKind.PROXY_LETTER,
        source=proxy,
        context=letter.as_context(),
        title=title,
        requested_by=user,
    )


def attendance_register_representative(*, meeting: Meeting, member: Member, user: User) -> None:
    """The member's representative will attend (or attends): its row of the attendance list."""
    from members.selectors import members_of_representative

    if not (
        is_secretary_of(user, member)
        or members_of_representative(user).filter(pk=member.pk).exists()
        or is_secretariat(user)
    ):
        raise PermissionDenied(_("Only this member's people can register its attendance."))
    if meeting.status not in OPEN_FOR_PROXIES:
        raise ValidationError(_("Attendance is registered for a convened meeting."))
    if selectors.proxy_active(meeting, member) is not None:
        raise ValidationError(
            _("%(member)s has a proxy for this meeting; revoke it first.") % {"member": member}
        )
    representative = selectors.representative_of(member, meeting.date)
    name = representative.display_name if representative else user.get_full_name()
    meeting_services.attendance_record(meeting=meeting, member=member, person=name, present=True)


def attendance_derive(*, meeting: Meeting, user: User) -> int:
    """Fill the members' rows of the attendance list from the proxies: the holder attends, and
    the holder's own member's row says for whom else ("Volmacht Raalte en Olst-Wijhe").
    Rows of members without a proxy keep what was registered. Returns the rows changed."""
    if not is_secretariat(user):
        raise PermissionDenied(_("Only the secretariat keeps the attendance list."))
    # In the order they were given: the remark names the members as they came in.
    proxies = list(
        Proxy.objects.active()
        .filter(meeting=meeting)
        .select_related("member", "holder_member")
        .order_by("filed_at", "pk")
    )
    by_member = {p.member_id: p for p in proxies}
    by_holder: dict[str, list[Proxy]] = {}
    for proxy in proxies:
        by_holder.setdefault(proxy.holder_email, []).append(proxy)
    changed = 0
    with transaction.atomic():
        for member in member_register(on=meeting.date).order_by("name"):
            proxy = by_member.get(member.pk)
            if proxy is None:
                continue
            home = proxy.holder_member_id
            others = [p.member.name for p in by_holder[proxy.holder_email] if p.member_id != home]
            if home == member.pk:
                remark = (
                    " ".join(["Volmacht", get_text_list(others, "en")]).strip()
                    if others
                    else "Volmacht"
                )
            elif (
                home is not None
                and home in by_member
                and by_member[home].holder_email == proxy.holder_email
            ):
                remark = ""  # listed on the row of the holder's own member
            else:
                remark = "Volmacht"
            row = meeting.attendance.filter(member=member).first()
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
