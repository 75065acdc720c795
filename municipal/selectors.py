"""Reads of the municipal app: who may keep a member's dossier, the executive's decision and
what it pre-fills, the meeting pack's content per reader, the decision note's content.

Other apps (proxies, voting) read the executive's decision here; this app imports nothing of
theirs, so that no import cycle arises.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.roles import is_secretariat
from dimpact_portal.rules import RuleDenied
from meetings import selectors as meeting_selectors
from meetings.constants import ASSEMBLY_KINDS
from members import selectors as member_selectors
from municipal.constants import Position
from municipal.models import Dossier, ExecutiveDecision, ExecutivePosition, MeetingPack

if TYPE_CHECKING:
    from meetings.models import AgendaItem, Annex, Meeting
    from members.models import Member


# Who may do what


def may_keep_dossier(user, member: Member) -> bool:
    """The member's secretary keeps its dossier; the secretariat may see every member's."""
    return is_secretariat(user) or member_selectors.is_secretary_of(user, member)


def only_own_secretary(user, member: Member) -> None:
    """The guard of `may_keep_dossier`."""
    if not may_keep_dossier(user, member):
        raise RuleDenied(
            _("Only this member's secretary keeps its notes and decisions."),
            code="municipal-own-secretary-only",
        )


def dossier_meeting_member(user, meeting_pk: int, slug: str) -> tuple[Meeting, Member]:
    """The assembly and member of a dossier page; 404 if unknown, 403 for anyone else."""
    meeting = meeting_selectors.meeting_for_user(user, meeting_pk)
    member = member_selectors.member_by_slug(slug)
    only_own_secretary(user, member)
    if meeting.kind not in ASSEMBLY_KINDS:
        raise RuleDenied(
            _("Decision notes are made for assemblies only."), code="municipal-not-an-assembly"
        )
    return meeting, member


def dossier_may_read(user, dossier: Dossier) -> bool:
    """The documents reader rule of a dossier's decision note."""
    return may_keep_dossier(user, dossier.member)


def dossier_of(meeting: Meeting, member: Member) -> Dossier | None:
    return Dossier.objects.filter(meeting=meeting, member=member).first()


def members_kept_by(user, meeting: Meeting) -> list[Member]:
    """The members whose dossier `user` keeps for `meeting` as their secretary."""
    if meeting.kind not in ASSEMBLY_KINDS:
        return []
    return list(member_selectors.members_of_secretary(user).order_by("name"))


# The executive's decision


def executive_decision(meeting: Meeting, member: Member) -> ExecutiveDecision | None:
    return (
        ExecutiveDecision.objects.filter(dossier__meeting=meeting, dossier__member=member)
        .select_related("dossier")
        .first()
    )


def executive_decisions(meeting: Meeting) -> dict[int, ExecutiveDecision]:
    """`executive_decision` of every member of `meeting` in one query: member pk → decision."""
    decisions: dict[int, ExecutiveDecision] = {}
    for decision in (
        ExecutiveDecision.objects.filter(dossier__meeting=meeting)
        .select_related("dossier")
        .order_by("pk")
    ):
        decisions.setdefault(decision.dossier.member_id, decision)
    return decisions


def decision_positions(decision: ExecutiveDecision | None) -> dict[int, str]:
    """The decision's position per agenda item (primary key → value)."""
    if decision is None:
        return {}
    return dict(decision.positions.values_list("agenda_item_id", "position"))


def decision_reference(decision: ExecutiveDecision) -> str:
    """How the proxy names the decision: "college van B&W, nota 2020-001138"."""
    return (
        _("%(body)s, note %(number)s") % {"body": decision.body, "number": decision.note_number}
    )[:100]


def proxy_initial(meeting: Meeting, member: Member) -> dict:
    """What the executive's decision fills in on the member's proxy form (empty without one):
    the holder, the decision and an instruction per decision item (`item_<pk>`)."""
    decision = executive_decision(meeting, member)
    if decision is None:
        return {}
    with translation.override(settings.LANGUAGE_CODE):
        reference = decision_reference(decision)
    initial = {
        "decision_reference": reference,
        "decision_date": decision.date,
        **{f"item_{pk}": position for pk, position in decision_positions(decision).items()},
    }
    if decision.holder_name:
        initial.update(
            holder_name=decision.holder_name,
            holder_function=decision.holder_function,
            holder_organisation=decision.holder_organisation,
            holder_email=decision.holder_email,
        )
    return initial


def decision_form_initial(meeting: Meeting, member: Member) -> dict:
    """The decision form as last recorded; a first one proposes to agree with every item."""
    decision = executive_decision(meeting, member)
    if decision is None:
        return {}
    return {
        "body": decision.body,
        "date": decision.date,
        "note_number": decision.note_number,
        "holder_name": decision.holder_name,
        "holder_function": decision.holder_function,
        "holder_organisation": decision.holder_organisation,
        "holder_email": decision.holder_email,
        **{f"item_{pk}": position for pk, position in decision_positions(decision).items()},
    }


def decision_history(meeting: Meeting, member: Member) -> list:
    """Every recorded state of the decision, newest first (its audit trail)."""
    return decision_history_of(executive_decision(meeting, member))


def decision_history_of(decision: ExecutiveDecision | None) -> list:
    """`decision_history` of the decision itself (none without one)."""
    if decision is None:
        return []
    return list(decision.history.select_related("history_user").order_by("-history_date")[:50])


@dataclass(frozen=True)
class Mandate:
    """A member's mandate on the ballot page: the executive's decision and its positions."""

    member: Member
    decision: ExecutiveDecision
    positions: list[tuple[AgendaItem, str]]


def mandates(meeting: Meeting, members) -> list[Mandate]:
    """The executive's decisions of `members` for `meeting`, for the representative or holder
    who votes for them."""
    decisions = (
        ExecutiveDecision.objects.filter(
            dossier__meeting=meeting, dossier__member__in=[m.pk for m in members]
        )
        .select_related("dossier__member")
        # The positions of all of them in one query, not one per member.
        .prefetch_related(
            Prefetch("positions", queryset=ExecutivePosition.objects.select_related("agenda_item"))
        )
    )
    labels = dict(Position.choices)
    return [
        Mandate(
            member=decision.dossier.member,
            decision=decision,
            positions=[(p.agenda_item, str(labels[p.position])) for p in decision.positions.all()],
        )
        for decision in sorted(decisions, key=lambda d: d.dossier.member.name)
    ]


# The meeting pack


@dataclass(frozen=True)
class PackContent:
    """What one reader's pack holds: the agenda rows the reader may see, the annexes left out."""

    rows: list
    left_out: list[Annex]
    entitlement: str
    with_confidential: bool


def pack_content(user, meeting: Meeting) -> PackContent:
    rows = []
    visible: list[Annex] = []
    for row in meeting_selectors.agenda_rows(meeting, user):
        annexes = [annex for annex in row.annexes if annex.withdrawn_at is None]
        visible.extend(annexes)
        rows.append((row, annexes))
    visible_ids = {annex.pk for annex in visible}
    left_out = [a for a in meeting_selectors.annexes_of(meeting) if a.pk not in visible_ids]
    # Readers who see the same annexes share one pack (its versions follow the annexes).
    entitlement = hashlib.sha256(
        ",".join(str(pk) for pk in sorted(visible_ids)).encode()
    ).hexdigest()
    return PackContent(
        rows=rows,
        left_out=left_out,
        entitlement=entitlement,
        with_confidential=meeting_selectors.can_see_confidential(user, meeting),
    )


def pack_may_read(user, pack: MeetingPack) -> bool:
    """The documents reader rule of a pack: those who see the meeting and its annexes."""
    meeting = pack.meeting
    if not meeting_selectors.can_see_meeting(user, meeting):
        return False
    return pack_content(user, meeting).entitlement == pack.entitlement


def pack_of(meeting: Meeting, entitlement: str) -> MeetingPack | None:
    return MeetingPack.objects.filter(meeting=meeting, entitlement=entitlement).first()


def pack_get_or_404(pk: int) -> MeetingPack:
    return get_object_or_404(MeetingPack.objects.select_related("meeting"), pk=pk)


# The decision note


def confidential_annexes(meeting: Meeting) -> list[Annex]:
    """The meeting's annexes marked confidential (or of a confidential item)."""
    return [
        a
        for a in meeting_selectors.annexes_of(meeting)
        if meeting_selectors.annex_is_confidential(a)
    ]


def annex_codes_phrase(annexes) -> str:
    """ "bijlage 1b", "bijlagen 1b en 3" """
    codes = [annex.code for annex in annexes]
    noun = pgettext("annex", "annex") if len(codes) == 1 else pgettext("annex", "annexes")
    return f"{noun} {get_text_list(codes, pgettext('list', 'and'))}"


def publication_clause(meeting: Meeting, *, confidential: list[Annex] | None = None) -> str:
    """The note's publication clause; `confidential`: the meeting's `confidential_annexes`,
    when the caller has them already."""
    if confidential is None:
        confidential = confidential_annexes(meeting)
    if not confidential:
        return _("to make the note and the decision public.")
    return _("to make the note and the decision public, except %(annexes)s.") % {
        "annexes": annex_codes_phrase(confidential)
    }


@dataclass(frozen=True)
class NoteContent:
    """The seed's "Nota voor burgemeester en wethouders", as the portal can draft it."""

    member: str
    subject: str
    note_number: str
    date: str
    body: str
    decision_date: str
    portfolio_holder: str
    meeting: list[tuple[str, str]]
    annexes: list[str]
    decided: list[str]
    authorisation: str
    publication: str
    left_out: list[str]
    sections: list[str] = field(default_factory=list)
