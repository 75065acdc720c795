"""An assembly played again from a readable script (seed/reenactment/*.yaml), through the apps'
services only, as its people would: proxies with their positions, attendance, the opening,
the item under discussion, a poll per decision, the ballots of representatives and proxy
holders, the close, the minutes, the adoption of earlier minutes and the publication.

Votes on persons are secret, as the statutes' rule for persons says: the script names the
tellers, the play makes their teller keys through the voting services and keeps the key files
in its memory only (never on disk or in the database), names them the tellers of each secret
poll, has each confirm the close with their key, and discards the keys at the end, so that
nobody is left holding a teller key whose file no one has.

The results reach the other apps the way a live meeting's do: closing a poll runs the outcome
handlers (voting.services.outcome_handler_register), so governance creates or ratifies terms
and finance adopts the accounts and records the discharges. Every rule applies: a refusal
stops the play and nothing of it is stored (one transaction). A meeting that has been played
(or held) already is left alone, so a second run changes nothing.

`python manage.py reenact_assembly` runs it and prints what the script assumes; `load_seed`
runs it once after the other demo loaders (`reenactment_seed_load`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation

from accounts.selectors import user_by_username
from meetings import selectors
from meetings import services as meeting_services
from meetings.constants import AttendanceRole, MeetingStatus

if TYPE_CHECKING:
    from accounts.models import User
    from dimpact_portal.seeding import SeedReport
    from meetings.models import AgendaItem, Meeting
    from members.models import Member
    from voting.models import Poll

SCRIPT = Path(settings.BASE_DIR) / "seed" / "reenactment" / "alv-2020-06-17.yaml"


class ReenactmentError(Exception):
    """The script does not fit the portal's state (the services' refusals pass as they are)."""


def script_read(path: Path = SCRIPT) -> dict[str, Any]:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def script_assumptions(data: Any) -> Iterator[str]:
    """Every `assumed:` text of the script, in the order it appears."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "assumed":
                yield from [value] if isinstance(value, str) else value
            else:
                yield from script_assumptions(value)
    elif isinstance(data, list):
        for value in data:
            yield from script_assumptions(value)


def played_already(meeting: Meeting) -> bool:
    """Held or played before: past its convening, or with decisions on its list."""
    return meeting.status != MeetingStatus.CONVENED or selectors.decision_list(meeting).exists()


@dataclass
class Voter:
    member: Member
    user: User
    proxy: Any = None  # the member's proxy, when its holder votes


@dataclass
class Play:
    """One run of a script: the people, the meeting and who votes for which member."""

    data: dict[str, Any]
    say: Callable[[str], None]
    meeting: Meeting = field(init=False)
    voters: list[Voter] = field(default_factory=list)
    tellers: list[User] = field(default_factory=list)
    # The tellers' key files, by user pk: in this process's memory only.
    keys: dict[int, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        people = self.data["people"]
        self.secretariat = user_by_username(people["secretariat"])
        self.chair = user_by_username(people["chair"])
        self.controller = user_by_username(people["controller"])
        self.tellers = [user_by_username(name) for name in people.get("tellers") or []]
        self.meeting = selectors.meeting_on(_date(self.data["meeting"]))

    def item(self, number: int) -> AgendaItem:
        return selectors.agenda_item_at(self.meeting, number)


def _question(text: str) -> str:
    """The question as one line, without the final full stop (the result follows a colon)."""
    return " ".join(text.split()).rstrip(".")


def _date(value) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def assembly_reenact(data: dict[str, Any], *, say: Callable[[str], None] = print) -> Meeting | None:
    """Play the script; None (and nothing changed) when its meeting was played already."""
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        play = Play(data, say)
        if played_already(play.meeting):
            say(f"{play.meeting}: al gehouden of nagespeeld; niets gewijzigd.")
            return None
        _convene(play)
        _proxies(play)
        _attendance(play)
        _teller_keys(play)
        meeting_services.meeting_open(meeting=play.meeting, user=play.chair)
        say(f"geopend door {play.chair.get_full_name()}")
        for spec in data["items"]:
            _item(play, spec)
        _close(play)
        _teller_keys_discard(play)
    return play.meeting


def _convene(play: Play) -> None:
    if play.meeting.status == MeetingStatus.DRAFT:
        meeting_services.meeting_convene(meeting=play.meeting, user=play.secretariat)
    play.say(f"{play.meeting} ({play.meeting.date:%d-%m-%Y}): bijeengeroepen")


# Proxies


def _positions(play: Play, positions: dict) -> dict[int, str]:
    return {play.item(int(number)).pk: position for number, position in positions.items()}


def _check_filed(play: Play, spec: dict[str, Any]) -> None:
    """A proxy the demo has already (the seed's): its holder and positions as the script says."""
    from members.selectors import member_by_slug
    from proxies import selectors as proxy_selectors

    member = member_by_slug(spec["member"])
    proxy = proxy_selectors.proxy_active(play.meeting, member)
    if proxy is None or proxy.holder_email != spec["holder"]:
        raise ReenactmentError(f"{member}: the script expects its proxy to {spec['holder']}")
    for number, position in spec.get("positions", {}).items():
        instruction = proxy_selectors.instructions_for_item([proxy], play.item(number).pk)
        if proxy.pk not in instruction or instruction[proxy.pk].position != position:
            raise ReenactmentError(f"{member}: the proxy's position on item {number} differs")
    play.say(f"volmacht {member} aan {proxy.holder_name}: al ingediend ({_listed(spec)})")
    if spec.get("executive_decision"):
        _executive_decision(play, member, spec)


def _executive_decision(play: Play, member: Member, spec: dict[str, Any]) -> None:
    """The executive's decision behind the proxy, recorded by the member's secretary where
    the portal keeps the municipalities' side of an assembly (the `municipal` app)."""
    from django.apps import apps

    if not apps.is_installed("municipal"):
        return
    from municipal import services as municipal_services

    decision = spec["executive_decision"]
    municipal_services.executive_decision_record(
        meeting=play.meeting,
        member=member,
        user=user_by_username(decision["recorded_by"]),
        body=decision["body"],
        date=_date(decision["date"]),
        note_number=str(decision["note_number"]),
        positions=_positions(play, spec.get("positions") or {}),
        holder=decision.get("holder") or {},
    )
    play.say(f"  besluit van het college van {member} vastgelegd ({decision['note_number']})")


def _listed(spec: dict[str, Any]) -> str:
    positions = spec.get("positions") or {}
    if not positions:
        return "zonder steminstructies"
    return ", ".join(f"{number}: {position}" for number, position in positions.items())


def _file(play: Play, spec: dict[str, Any], reason: str) -> None:
    from members.selectors import member_by_slug
    from proxies import services as proxy_services

    holder = dict(spec["holder"])
    holder_member = member_by_slug(holder.pop("member")) if holder.get("member") else None
    proxy = proxy_services.proxy_file(
        meeting=play.meeting,
        member=member_by_slug(spec["member"]),
        filed_by=play.secretariat,
        holder=proxy_services.Holder(member=holder_member, **holder),
        signatory_name=spec["signatory"]["name"],
        signatory_function=spec["signatory"]["function"],
        signed_on=_date(spec["signed_on"]),
        instructions=_positions(play, spec.get("positions") or {}),
        reason=reason,
    )
    play.say(f"volmacht {proxy.member} aan {proxy.holder_name} ingediend ({_listed(spec)})")


def _proxies(play: Play) -> None:
    spec = play.data.get("proxies") or {}
    for filed in spec.get("filed") or []:
        _check_filed(play, filed)
    for new in spec.get("file") or []:
        _file(play, new, spec["late_reason"])


# Attendance and who votes


def _representative(play: Play, slug: str) -> Voter:
    from members import selectors as member_selectors
    from members import services as member_services
    from proxies import services as proxy_services

    member = member_selectors.member_by_slug(slug)
    mandate = member_selectors.representative_on(member, play.meeting.date)
    if mandate is None:
        raise ReenactmentError(f"{member} has no representative on {play.meeting.date}")
    user = member_services.mandate_account_open(mandate=mandate, actor=play.secretariat)
    proxy_services.attendance_register_representative(
        meeting=play.meeting, member=member, user=play.secretariat
    )
    return Voter(member=member, user=user)


def _attendance(play: Play) -> None:
    from proxies import selectors as proxy_selectors
    from proxies import services as proxy_services

    spec = play.data["attendance"]
    meeting_services.attendance_start_from_register(meeting=play.meeting, user=play.secretariat)
    play.voters = [_representative(play, slug) for slug in spec["representatives"]]
    proxy_services.attendance_derive(meeting=play.meeting, user=play.secretariat)
    for proxy in proxy_selectors.proxies_active(play.meeting).select_related(
        "member", "holder_user"
    ):
        play.voters.append(Voter(member=proxy.member, user=proxy.holder_user, proxy=proxy))
    for other in spec.get("others") or []:
        meeting_services.attendance_save(
            meeting=play.meeting,
            user=play.secretariat,
            role=other.get("role") or AttendanceRole.GUEST,
            person=other["name"],
            note=other.get("note") or "",
        )
    play.voters.sort(key=lambda voter: voter.member.name)
    play.say(f"aanwezig of vertegenwoordigd: {len(play.voters)} leden")


# The items


def _item(play: Play, spec: dict[str, Any]) -> None:
    from voting import services as voting_services

    item = play.item(spec["number"])
    voting_services.meeting_current_item(meeting=play.meeting, user=play.chair, item=item)
    play.say(f"agendapunt {item.position}: {item.title}")
    if spec.get("adopt_minutes_of"):
        _adopt_minutes(play, _date(spec["adopt_minutes_of"]))
    if spec.get("accounts"):
        _accounts(play, item, spec["accounts"])
    for ratify in spec.get("ratify") or []:
        _ratify(play, item, ratify)
    for slug in spec.get("reappoint") or []:
        _reappoint(play, slug)
    for step_down in spec.get("step_down") or []:
        _step_down(play, item, step_down)
    for poll_spec in spec.get("polls") or []:
        _motion(play, item, poll_spec)


def _adopt_minutes(play: Play, day: datetime.date) -> None:
    earlier = selectors.meeting_on(day)
    minutes = selectors.minutes_of(earlier)
    if minutes is None:
        raise ReenactmentError(f"{earlier} has no minutes to adopt")
    meeting_services.minutes_adopt(minutes=minutes, in_meeting=play.meeting, user=play.secretariat)
    play.say(f"  notulen van {earlier.date:%d-%m-%Y} vastgesteld")


def _choice(play: Play, voter: Voter, poll: Poll) -> str:
    """The member's vote: its proxy's instruction where it binds, else the script's default."""
    from proxies import selectors as proxy_selectors
    from proxies.constants import Position

    if voter.proxy is not None and poll.agenda_item_id:
        instruction = proxy_selectors.instructions_for_item([voter.proxy], poll.agenda_item_id)
        position = instruction.get(voter.proxy.pk)
        if position is not None and position.position != Position.FREE:
            return position.position
    return play.data["votes"]["default"]


def _vote(play: Play, poll: Poll) -> Poll:
    """Open the poll (a secret one with the script's tellers), a ballot per member present (by
    its representative or proxy holder), close it; a secret poll's tellers then confirm. The
    decision and what it sets in motion are recorded by the close, or by the k-th teller."""
    from voting import services as voting_services

    if poll.secret:
        voting_services.poll_tellers_choose(poll=poll, user=play.chair, tellers=play.tellers)
    voting_services.poll_open(poll=poll, user=play.chair)
    for voter in play.voters:
        voting_services.ballot_cast(
            poll=poll, member_id=voter.member.pk, user=voter.user, choice=_choice(play, voter, poll)
        )
    poll = voting_services.poll_close(poll=poll, user=play.chair)
    if poll.secret:
        poll = _tellers_confirm(play, poll)
    if poll.decision is None:
        raise ReenactmentError(f"the poll “{poll.question}” has no result after its close")
    play.say(f"  besluit {poll.decision.number}: {poll.decision.text}")
    return poll


def _teller_keys(play: Play) -> None:
    """A teller key per teller of the script, its file kept in memory. A teller who holds a
    key already is refused: a new key would replace theirs and lock them out of their polls."""
    from voting import selectors as voting_selectors
    from voting import services as voting_services

    holding = voting_selectors.teller_candidates().filter(pk__in=[u.pk for u in play.tellers])
    if holding:
        names = ", ".join(user.get_username() for user in holding)
        raise ReenactmentError(f"{names}: a teller key already; name other tellers in the script")
    for user in play.tellers:
        _key, play.keys[user.pk] = voting_services.teller_key_create(user=user)
    if play.tellers:
        play.say(f"stemopnemers met een sleutel (alleen in het geheugen): {_names(play.tellers)}")


def _tellers_confirm(play: Play, poll: Poll) -> Poll:
    """Each teller confirms the close with their key file; the k-th records the result."""
    from voting import services as voting_services

    for user in play.tellers:
        poll = voting_services.poll_teller_confirm(
            poll=poll, user=user, key_file=play.keys[user.pk]
        )
    poll.refresh_from_db()
    play.say(f"  geheime stemming, geteld door {_names(play.tellers)}")
    return poll


def _teller_keys_discard(play: Play) -> None:
    from voting import services as voting_services

    for user in play.tellers:
        voting_services.teller_key_discard(user=user)
    play.keys.clear()


def _names(users: list[User]) -> str:
    return ", ".join(user.get_full_name() or user.get_username() for user in users)


def _motion(play: Play, item: AgendaItem, spec: dict[str, Any]) -> None:
    from statutes.constants import DecisionKind
    from voting import services as voting_services

    poll = voting_services.poll_create(
        meeting=play.meeting,
        user=play.chair,
        question=_question(spec["question"]),
        agenda_item=item,
        decision_kind=DecisionKind.PERSONS if spec.get("persons") else DecisionKind.ORDINARY,
    )
    _vote(play, poll)


def _accounts(play: Play, item: AgendaItem, spec: dict[str, Any]) -> None:
    """The controller records the signatures; a poll per proposal (adoption, discharges)."""
    from finance import selectors as finance_selectors
    from finance import services as finance_services

    accounts = finance_selectors.accounts_latest_per_year().get(year=spec["year"])
    for signature in finance_selectors.signatures_of(accounts).filter(signed_on=None):
        finance_services.signature_record(
            signature=signature, user=play.controller, signed_on=_date(spec["signed_on"])
        )
    proposals = {p.kind: p for p in finance_selectors.proposals_of(accounts)}
    for kind in spec["proposals"]:
        proposal = proposals.get(kind)
        if proposal is None or proposal.agenda_item_id != item.pk:
            raise ReenactmentError(f"the accounts {spec['year']} have no proposal {kind} here")
        _vote(play, finance_services.proposal_poll_create(proposal=proposal, user=play.secretariat))


def _ratify(play: Play, item: AgendaItem, spec: dict[str, Any]) -> None:
    from governance import selectors as governance_selectors
    from governance import services as governance_services

    commissioner = governance_selectors.commissioner_by_slug(spec["commissioner"])
    term = governance_selectors.terms_of(commissioner).exclude(resolution=None).last()
    if term is None:
        raise ReenactmentError(f"{commissioner} has no term decided in writing to ratify")
    poll = governance_services.term_ratification_propose(
        user=play.secretariat,
        term=term,
        meeting=play.meeting,
        agenda_item=item,
        question=_question(spec["question"]),
    )
    _vote(play, poll)


def _reappoint(play: Play, slug: str) -> None:
    from governance import selectors as governance_selectors

    proposal = (
        governance_selectors.proposals_pending()
        .filter(commissioner__slug=slug, poll__meeting=play.meeting)
        .first()
    )
    if proposal is None:
        raise ReenactmentError(f"no pending (re-)appointment of {slug} at {play.meeting}")
    _vote(play, proposal.poll)


def _step_down(play: Play, item: AgendaItem, spec: dict[str, Any]) -> None:
    from governance import selectors as governance_selectors
    from governance import services as governance_services
    from governance.constants import TermEnd

    commissioner = governance_selectors.commissioner_by_slug(spec["commissioner"])
    day = _date(spec["date"])
    term = governance_selectors.terms_of(commissioner).filter(starts_on__lte=day).last()
    if term is None or (term.ended_on is not None and term.ended_on != day):
        raise ReenactmentError(f"{commissioner} has no term to end on {day}")
    if term.ended_on is None:  # (demo data loaded before the re-enactment ended it already)
        governance_services.term_end(
            user=play.secretariat, term=term, ended_on=day, how=TermEnd.STEPPED_DOWN
        )
    decision = meeting_services.decision_add(
        meeting=play.meeting, user=play.secretariat, text=spec["decision"], agenda_item=item
    )
    play.say(f"  besluit {decision.number}: {decision.text}")


def _close(play: Play) -> None:
    from voting import services as voting_services

    voting_services.meeting_current_item(meeting=play.meeting, user=play.chair, item=None)
    meeting_services.meeting_close(meeting=play.meeting, user=play.chair)
    play.say("gesloten")
    for spec in play.data["items"]:
        if spec.get("minutes"):
            meeting_services.minutes_entry_save(
                item=play.item(spec["number"]),
                user=play.secretariat,
                text=" ".join(spec["minutes"].split()),
            )
    play.say("notulen geschreven (concept, vast te stellen in de volgende ALV)")
    if play.data.get("publish"):
        meeting_services.meeting_publish(meeting=play.meeting, user=play.secretariat)
        play.say("besluitenlijst gepubliceerd")


def reenactment_seed_load(data: dict[str, Any], report: SeedReport) -> None:
    """The demo's loader (settings.SEED_LOADERS): the 17 June 2020 ALV played once. A trial
    run (`load_seed --reset` asking first) does not play; a refusal is reported, not raised,
    so that the rest of the demo still loads (the play is undone as a whole)."""
    from meetings.models import Meeting

    if report.dry_run:
        return
    try:
        meeting = assembly_reenact(data, say=lambda line: None)
    except (ValidationError, PermissionDenied, ReenactmentError) as error:
        report.warnings.append(f"ALV {data['meeting']} niet nagespeeld: {error}")
        return
    if meeting is not None:
        report.count(Meeting, created=False, changed=True)
