"""The input of each kind of document, as plain data that can be stored and compared.

Apps build these from their own models and pass `as_context()` to `document_request`; the
document service never reads another app's models.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from typing import Any

from statutes.selectors import association_current


def association_header() -> dict[str, Any]:
    association = association_current()
    return {
        "name": association.name,
        "short_name": association.short_name,
        "addressee": association.addressee,
        "postal_lines": [line for line in association.postal_address.splitlines() if line],
    }


@dataclass(frozen=True)
class ProxyInstruction:
    number: str
    title: str
    position: str


@dataclass(frozen=True)
class ProxyLetter:
    """The seed's "Volmacht ALV Dimpact": the member authorises a holder for one meeting."""

    member_name: str
    date: datetime.date
    holder_name: str
    holder_function: str
    holder_organisation: str
    meeting_title: str
    meeting_date: datetime.date
    meeting_where: str
    signatory_name: str
    signatory_function: str
    member_phrase: str = ""  # in the sentence: "namens de gemeente Deventer"
    salutation: str = "Geachte directeur-bestuurder,"
    decision_reference: str = ""
    instructions: tuple[ProxyInstruction, ...] = ()

    def as_context(self) -> dict[str, Any]:
        return {"association": association_header(), "letter": asdict(self)}


@dataclass(frozen=True)
class MeetingHeading:
    title: str
    date: datetime.date
    start: str = ""
    end: str = ""
    location: str = ""
    invitees: str = ""


@dataclass(frozen=True)
class DecisionEntry:
    number: int
    text: str
    date: datetime.date


@dataclass(frozen=True)
class DecisionList:
    meeting: MeetingHeading
    decisions: tuple[DecisionEntry, ...]

    def as_context(self) -> dict[str, Any]:
        return {"association": association_header(), **asdict(self)}


@dataclass(frozen=True)
class ActionEntry:
    number: int
    text: str
    owner: str
    due: datetime.date | None = None
    status: str = ""


@dataclass(frozen=True)
class ActionList:
    meeting: MeetingHeading
    actions: tuple[ActionEntry, ...]

    def as_context(self) -> dict[str, Any]:
        return {"association": association_header(), **asdict(self)}


@dataclass(frozen=True)
class AgendaAnnex:
    code: str
    title: str
    confidential: bool = False
    due: datetime.date | None = None


@dataclass(frozen=True)
class AgendaEntry:
    number: int
    title: str
    purpose: str = ""
    lines: tuple[str, ...] = ()
    proposal: str = ""
    annexes: tuple[AgendaAnnex, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Agenda:
    meeting: MeetingHeading
    items: tuple[AgendaEntry, ...]

    def as_context(self) -> dict[str, Any]:
        return {"association": association_header(), **asdict(self)}


@dataclass(frozen=True)
class MinutesSection:
    number: int
    title: str
    text: str
    confidential_elsewhere: bool = False  # minuted in the confidential annex instead


@dataclass(frozen=True)
class MinutesDocument:
    meeting: MeetingHeading
    sections: tuple[MinutesSection, ...]
    status: str
    confidential: bool = False
    minute_taker: str = ""
    adopted: str = ""  # "Vastgesteld in de ALV van 17 juni 2020 (met correctie)."

    def as_context(self) -> dict[str, Any]:
        return {"association": association_header(), **asdict(self)}


@dataclass(frozen=True)
class AttendanceLine:
    name: str
    attendee: str
    remark: str = ""


@dataclass(frozen=True)
class AttendanceDocument:
    meeting: MeetingHeading
    members: tuple[AttendanceLine, ...]
    present: tuple[str, ...]
    absent: tuple[str, ...]

    def as_context(self) -> dict[str, Any]:
        return {"association": association_header(), **asdict(self)}
