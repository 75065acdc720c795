"""Loads the demo meetings from `seed/meetings.yaml` (create-only, like the register's loader).

The 10 March 2020 ALV as held: agenda, minutes per item, action and decision lists and the
attendance list; the 17 June 2020 extra ALV as convened: its agenda, proposals and annexes.
Annex files of the 17 June meeting are made from their seed text (a PDF per annex) once.
Then the playground: the next ALV (`upcoming:`), dated a few weeks after the day the loader
runs, convened, with the agenda the seed says comes next. Meetings are found again by their
`key` (`Meeting.seed_key`), so a user's changes (a new date, a status) are kept.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dimpact_portal.seeding import SeedReport, upsert
from documents.services import pdf_render
from meetings.constants import (
    BODY_OF_KIND,
    MEETING_OVER,
    AttendanceRole,
    MinutesStatus,
    StandardItem,
)
from meetings.models import (
    ActionItem,
    AgendaItem,
    Annex,
    Attendance,
    Decision,
    Meeting,
    Minutes,
    MinutesEntry,
)
from meetings.selectors import previous_meeting
from members.selectors import member_by_slug


def _time(value: str | None) -> datetime.time | None:
    return datetime.time.fromisoformat(value) if value else None


def _moment(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@transaction.atomic
def meetings_seed_load(data: dict[str, Any], report: SeedReport) -> list[Meeting]:
    loaded = [_meeting(spec, report) for spec in data["meetings"]]
    if data.get("upcoming"):
        loaded.append(_meeting(_upcoming_spec(data["upcoming"]), report))
    # The minutes item of each meeting points at the previous meeting it adopts.
    for meeting in loaded:
        previous = previous_meeting(meeting)
        item = meeting.items.filter(standard=StandardItem.PREVIOUS_MINUTES).first()
        if item is None or previous is None or item.minutes_of_id == previous.pk:
            continue
        if item.minutes_of_id is None or report.reset:
            item.minutes_of = previous
            item.save()
    return loaded


def _upcoming_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """The playground's spec with its date: `weeks_ahead` after today (a weekday, Tuesday)."""
    day = timezone.localdate() + datetime.timedelta(weeks=spec["weeks_ahead"])
    day += datetime.timedelta(days=(1 - day.weekday()) % 7)
    return {**spec, "date": day}


def _lookup(spec: dict[str, Any]) -> dict[str, Any]:
    """Found by the seed's key; by kind and date for a meeting loaded before it had one."""
    key = spec.get("key") or ""
    if not key or Meeting.objects.filter(seed_key=key).exists():
        return {"seed_key": key} if key else {"kind": spec["kind"], "date": spec["date"]}
    if "weeks_ahead" in spec:
        return {"seed_key": key}  # the playground's date changes with the day it is made
    existing = Meeting.objects.filter(kind=spec["kind"], date=spec["date"], seed_key="")
    existing.update(seed_key=key)  # an internal key, filled in once
    return {"seed_key": key}


def _meeting(spec: dict[str, Any], report: SeedReport) -> Meeting:
    """One meeting of the seed with its agenda, and, once held, its minutes and lists."""
    meeting = _meeting_row(spec, report)
    items = _agenda(meeting, spec, report)
    if spec["status"] in MEETING_OVER:
        _minutes(meeting, spec, items, report)
    _actions(meeting, spec, items, report)
    _decisions(meeting, spec, items, report)
    _attendance(meeting, spec.get("attendance") or {}, report)
    return meeting


def _held_since(lookup: dict[str, Any]) -> bool:
    """The meeting was held (closed) since the seed's state: a held meeting is history, so
    its status and lifecycle dates are not the seed's to write back (the re-enactment of
    17 June 2020 holds the convened meeting; adopting minutes moves a closed one on)."""
    existing = Meeting.objects.filter(**lookup).only("status").first()
    return existing is not None and existing.status in MEETING_OVER


def _meeting_row(spec: dict[str, Any], report: SeedReport) -> Meeting:
    lookup = _lookup(spec)
    held = _held_since(lookup)
    values = {"kind": spec["kind"], "date": spec["date"]}
    meeting = upsert(
        Meeting,
        report,
        lookup=lookup,
        values={
            **{k: v for k, v in values.items() if k not in lookup},
            "title": spec["title"],
            "start_time": _time(spec.get("start")),
            "end_time": _time(spec.get("end")),
            "location": spec.get("location") or "",
            "format": spec["format"],
            "invitees": spec.get("invitees") or "",
            **({} if held else {"status": spec["status"]}),
        },
    )
    if held and spec["status"] not in MEETING_OVER:
        return meeting
    stamps = _stamps(spec, meeting)
    if report.reset:
        # The seed's lifecycle exactly, also where the users had moved the meeting on.
        stamps = {k: v for k, v in stamps.items() if getattr(meeting, k) != v}
    else:
        stamps = {k: v for k, v in stamps.items() if v and getattr(meeting, k) is None}
    if stamps:
        Meeting.objects.filter(pk=meeting.pk).update(**stamps)
        meeting.refresh_from_db()
    return meeting


def _stamps(spec: dict[str, Any], meeting: Meeting) -> dict[str, datetime.datetime | None]:
    """Dates of the lifecycle, as they would have been recorded."""
    if "weeks_ahead" in spec:
        # The playground was convened when it was made (its invitations are not sent).
        convened = meeting.convened_at or timezone.now()
    else:
        convened = _moment(spec["date"] - datetime.timedelta(days=14))
    over = meeting.status in MEETING_OVER
    return {
        "convened_at": convened,
        "convocation_sent_at": convened,
        "opened_at": _moment(spec["date"], 13) if over else None,
        "closed_at": _moment(spec["date"], 17) if over else None,
        "published_at": (
            _moment(spec["date"] + datetime.timedelta(days=1)) if spec.get("published") else None
        ),
    }


def _agenda(meeting: Meeting, spec: dict[str, Any], report: SeedReport) -> dict[int, AgendaItem]:
    """The agenda items (with their annexes), by number."""
    items = {}
    for item_spec in spec["items"]:
        items[item_spec["number"]] = item = upsert(
            AgendaItem,
            report,
            lookup={"meeting": meeting, "position": item_spec["number"]},
            values={
                "title": item_spec["title"],
                "standard": item_spec.get("standard") or "",
                "purpose": item_spec.get("purpose") or "",
                "description": item_spec.get("description") or "",
                "proposal": item_spec.get("proposal") or "",
                "confidential": bool(item_spec.get("confidential")),
            },
        )
        for annex_spec in item_spec.get("annexes") or []:
            _annex(item, annex_spec, report)
    return items


def _minutes(
    meeting: Meeting, spec: dict[str, Any], items: dict[int, AgendaItem], report: SeedReport
) -> None:
    existing = Minutes.objects.filter(meeting=meeting).first()
    values = {"status": MinutesStatus.DRAFT, "minute_taker": spec.get("minute_taker", "")}
    if existing is not None and existing.is_adopted:
        # Adopted minutes are frozen: the seed's draft is what was adopted, not a change.
        values = {"minute_taker": values["minute_taker"]}
    minutes = upsert(Minutes, report, lookup={"meeting": meeting}, values=values)
    for item_spec in spec["items"]:
        upsert(
            MinutesEntry,
            report,
            lookup={"minutes": minutes, "agenda_item": items[item_spec["number"]]},
            values={"text": item_spec.get("minutes") or ""},
        )


def _actions(
    meeting: Meeting, spec: dict[str, Any], items: dict[int, AgendaItem], report: SeedReport
) -> None:
    for action in spec.get("actions") or []:
        upsert(
            ActionItem,
            report,
            lookup={"body": BODY_OF_KIND[meeting.kind], "number": action["number"]},
            values={
                "meeting": meeting,
                "agenda_item": items.get(action.get("item")),
                "text": action["text"],
                "owner": action["owner"],
                "due_date": action.get("due"),
            },
        )


def _decisions(
    meeting: Meeting, spec: dict[str, Any], items: dict[int, AgendaItem], report: SeedReport
) -> None:
    for decision in spec.get("decisions") or []:
        upsert(
            Decision,
            report,
            lookup={"meeting": meeting, "number": decision["number"]},
            values={
                "date": decision["date"],
                "text": decision["text"],
                "agenda_item": items.get(decision.get("item")),
            },
        )


def _attendance(meeting: Meeting, attendance: dict[str, Any], report: SeedReport) -> None:
    """The members' lines first (in the seed's order), then the others present or absent."""
    position = 0
    for row in attendance.get("members") or []:
        position += 1
        upsert(
            Attendance,
            report,
            lookup={"meeting": meeting, "member": member_by_slug(row["member"])},
            values={
                "role": AttendanceRole.MEMBER,
                "person": row.get("attendee") or "",
                "present": bool(row.get("attendee")),
                "remark": row.get("remark") or "",
                "position": position,
            },
        )
    for row in attendance.get("others") or []:
        position += 1
        upsert(
            Attendance,
            report,
            lookup={"meeting": meeting, "member": None, "person": row["name"]},
            values={
                "role": row["role"],
                "present": row["present"],
                "note": row.get("note") or "",
                "position": position,
            },
        )


def _annex(item: AgendaItem, spec: dict[str, Any], report: SeedReport) -> Annex:
    body = (spec.get("body") or "").strip()
    annex = upsert(
        Annex,
        report,
        lookup={"agenda_item": item, "code": str(spec["code"])},
        values={
            "title": spec["title"],
            "confidential": bool(spec.get("confidential")),
            "due_date": spec.get("due"),
        },
    )
    if body and not annex.file and not report.dry_run:
        rendered = pdf_render(
            template="meetings/pdf/seed_annex.html",
            context={"title": f"Bijlage {annex.code}: {annex.title}", "body": body},
        )
        annex.file.save(f"bijlage-{annex.code}.pdf", ContentFile(rendered.content), save=False)
        annex.original_name = f"bijlage-{annex.code}.pdf"
        annex.size = len(rendered.content)
        annex.arrived_at = _moment(item.meeting.date - datetime.timedelta(days=10))
        annex.save()
    return annex
