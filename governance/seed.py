"""Loads the supervisory board from `seed/governance.yaml` (idempotent): commissioners and terms,
chair periods, the 2019 attendance, WNT maxima and payments, vacancies, proposals, the
evaluation. The board meetings themselves are loaded by the meetings app's loader from the
same file (`meetings:`), before this one."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from dimpact_portal.seeding import SeedReport, upsert
from governance import selectors, services
from governance.constants import AppointmentKind, ProposalStatus
from governance.models import (
    AppointmentProposal,
    BoardAttendance,
    ChairPeriod,
    Commissioner,
    Evaluation,
    EvaluationStatement,
    Remuneration,
    Term,
    Vacancy,
    WntNorm,
)

SECRETARIAT_USERNAME = "secretariaat"


@transaction.atomic
def governance_seed_load(data: dict[str, Any], report: SeedReport) -> None:
    people = {spec["slug"]: _commissioner(spec, report) for spec in data["commissioners"]}
    for spec in data["commissioners"]:
        for term_spec in spec.get("terms") or []:
            _term(people[spec["slug"]], term_spec, report)
    for spec in data.get("chair_periods") or []:
        upsert(
            ChairPeriod,
            report,
            lookup={"commissioner": people[spec["commissioner"]], "starts_on": spec["starts_on"]},
            values={"ends_on": spec.get("ends_on"), "note": spec.get("note") or ""},
        )
    _attendance(data.get("attendance") or {}, people, report)
    for spec in data.get("wnt_norms") or []:
        upsert(
            WntNorm,
            report,
            lookup={"year": spec["year"]},
            values={"general_maximum": spec["general_maximum"]},
        )
    for year, paid in (data.get("remunerations") or {}).items():
        for slug, amount in paid.items():
            upsert(
                Remuneration,
                report,
                lookup={"commissioner": people[slug], "year": int(year)},
                values={"paid": amount},
            )
    for spec in data.get("vacancies") or []:
        _vacancy(spec, report)
    for spec in data.get("evaluations") or []:
        _evaluation(spec, report)
    for spec in data["commissioners"]:
        if spec.get("reappointed_by_resolution"):
            _repair_by_resolution(people[spec["slug"]], spec["reappointed_by_resolution"], report)
    for spec in data.get("proposals") or []:
        _proposal(spec, people, report)


def _commissioner(spec: dict[str, Any], report: SeedReport) -> Commissioner:
    from accounts.selectors import user_by_username
    from members.selectors import member_by_slug

    return upsert(
        Commissioner,
        report,
        lookup={"slug": spec["slug"]},
        values={
            "name": spec["name"],
            "formal_name": spec.get("formal_name") or "",
            "salutation": spec.get("salutation") or "",
            "kind": spec["kind"],
            "member": member_by_slug(slugify(spec["member"])) if spec.get("member") else None,
            "position": spec.get("position") or "",
            "portfolios": spec.get("portfolios") or [],
            "user": user_by_username(spec["user"]) if spec.get("user") else None,
        },
    )


def _term(commissioner: Commissioner, spec: dict[str, Any], report: SeedReport) -> Term:
    ended = spec.get("ended") or {}
    values = {
        "starts_on": spec["starts_on"],
        "ends_on": spec.get("ends_on") or selectors.term_default_end(spec["starts_on"]),
        "ends_on_reason": spec.get("ends_on_reason") or "",
        "appointed_note": spec.get("note") or "",
        "ended_on": ended.get("date"),
        "end_reason": ended.get("how") or "",
    }
    existing = Term.objects.filter(commissioner=commissioner, number=spec["number"]).first()
    if not ended and existing is not None and existing.ended_on is not None:
        # Ended after the seed's day (by an assembly, e.g. the re-enactment of 17 June 2020):
        # that is what happened since, not a change to undo.
        del values["ended_on"], values["end_reason"]
    return upsert(
        Term, report, lookup={"commissioner": commissioner, "number": spec["number"]}, values=values
    )


def _board_meeting(day: datetime.date):
    from accounts.selectors import user_by_username
    from meetings.constants import MeetingKind
    from meetings.selectors import meetings_visible

    secretariat = user_by_username(SECRETARIAT_USERNAME)
    return meetings_visible(secretariat).get(kind=MeetingKind.SUPERVISORY_BOARD, date=day)


def _attendance(table: dict, people: dict[str, Commissioner], report: SeedReport) -> None:
    from meetings import selectors as meeting_selectors
    from meetings import services as meeting_services
    from meetings.constants import AttendanceRole

    for day, rows in table.items():
        meeting = _board_meeting(day)
        lines = meeting_selectors.attendance_rows(meeting)
        listed = {line.person: line for line in lines["present"] + lines["absent"]}
        for present in (True, False):
            for entry in rows.get("present" if present else "absent") or []:
                slug, note = next(iter(entry.items())) if isinstance(entry, dict) else (entry, "")
                person = people[slug]
                upsert(
                    BoardAttendance,
                    report,
                    lookup={"meeting": meeting, "commissioner": person},
                    values={"present": present, "note": note},
                )
                line = listed.get(person.name)
                if line is None or line.present != present or line.note != note:
                    meeting_services.attendance_record(
                        meeting=meeting,
                        role=AttendanceRole.SUPERVISORY_BOARD,
                        person=person.name,
                        present=present,
                        note=note,
                        row=line,
                    )


def _vacancy(spec: dict[str, Any], report: SeedReport) -> Vacancy:
    fields = (
        "kind",
        "seats",
        "profile",
        "agency",
        "opened_on",
        "responses_until",
        "shortlist_on",
        "interviews_on",
        "proposal_on",
        "committee_note",
    )
    values = {name: spec.get(name) for name in fields}
    values["profile"] = (values["profile"] or "").strip()
    return upsert(Vacancy, report, lookup={"title": spec["title"]}, values=values)


def _evaluation(spec: dict[str, Any], report: SeedReport) -> None:
    evaluation = upsert(
        Evaluation,
        report,
        lookup={"year": spec["year"]},
        values={name: spec.get(name) for name in ("opens_on", "closes_on", "discussed_on")},
    )
    position = 0
    for category, texts in spec["statements"].items():
        for text in texts:
            position += 1
            upsert(
                EvaluationStatement,
                report,
                lookup={"evaluation": evaluation, "position": position},
                values={"category": category, "text": text},
            )


def _repair_by_resolution(commissioner: Commissioner, title: str, report: SeedReport) -> None:
    """The decision outside a meeting (voting's demo data) decides a re-appointment proposal,
    through the hook a closing poll or resolution calls."""
    from voting.selectors import recent_resolutions

    resolution = recent_resolutions().filter(title=title).first()
    if resolution is None:
        return  # voting's demo data is not loaded: nothing to link
    proposal = AppointmentProposal.objects.filter(resolution=resolution).first()
    if proposal is None:
        proposal = services.appointment_propose_in_writing(
            user=None,
            commissioner=commissioner,
            kind=AppointmentKind.REAPPOINTMENT,
            resolution=resolution,
        )
        report.count(AppointmentProposal, True, False)
    if proposal.status == ProposalStatus.PENDING and resolution.adopted:
        services.term_reappoint_from_outcome(
            resolution=resolution, adopted=True, decision=resolution.decision, user=None
        )
        report.count(Term, True, False)


def _proposal(spec: dict[str, Any], people: dict[str, Commissioner], report: SeedReport) -> None:
    from accounts.selectors import user_by_username
    from meetings.constants import MeetingKind
    from meetings.selectors import agenda_item_at, meetings_visible

    commissioner = people[spec["commissioner"]]
    if AppointmentProposal.objects.filter(commissioner=commissioner, kind=spec["kind"]).exists():
        return
    secretariat = user_by_username(SECRETARIAT_USERNAME)
    meeting = (
        meetings_visible(secretariat)
        .filter(date=spec["meeting"])
        .exclude(kind=MeetingKind.SUPERVISORY_BOARD)
        .get()
    )
    services.appointment_propose(
        user=secretariat,
        commissioner=commissioner,
        kind=spec["kind"],
        meeting=meeting,
        agenda_item=agenda_item_at(meeting, spec["agenda_item"]),
        ends_on=spec.get("ends_on"),
        ends_on_reason=spec.get("ends_on_reason") or "",
        secret=spec.get("secret"),  # None: the statutes' rule for persons (secret)
    )
    report.count(AppointmentProposal, True, False)
