"""The meetings' PDFs through the document service: agenda, minutes (and their confidential
annex), action list, decision list and attendance list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from dimpact_portal.rules import RuleDenied
from documents import services as document_services
from documents.constants import DocumentKind
from documents.inputs import (
    ActionEntry,
    ActionList,
    Agenda,
    AgendaAnnex,
    AgendaEntry,
    AttendanceDocument,
    AttendanceLine,
    DecisionEntry,
    DecisionList,
    MinutesDocument,
    MinutesSection,
)
from meetings import selectors
from meetings.models import Meeting

if TYPE_CHECKING:
    from accounts.models import User
    from documents.models import RenderedDocument

MEETING_KINDS = (
    DocumentKind.AGENDA,
    DocumentKind.MINUTES,
    DocumentKind.MINUTES_CONFIDENTIAL,
    DocumentKind.ACTION_LIST,
    DocumentKind.DECISION_LIST,
    DocumentKind.ATTENDANCE_LIST,
)


def _agenda(meeting: Meeting) -> Agenda:
    items = []
    for item in meeting.items.prefetch_related("annexes").order_by("position"):
        items.append(
            AgendaEntry(
                number=item.position,
                title=item.title,
                purpose=item.get_purpose_display() if item.purpose else "",
                lines=tuple(line for line in item.description.splitlines() if line.strip()),
                proposal=item.proposal,
                annexes=tuple(
                    AgendaAnnex(
                        code=annex.code,
                        title=annex.title,
                        confidential=annex.confidential or item.confidential,
                        due=annex.due_date if not annex.file else None,
                    )
                    for annex in item.annexes.all()
                    if annex.withdrawn_at is None
                ),
            )
        )
    return Agenda(meeting=selectors.meeting_heading(meeting), items=tuple(items))


def _minutes(meeting: Meeting, *, confidential: bool) -> MinutesDocument:
    minutes = selectors.minutes_of(meeting)
    entries = {entry.agenda_item_id: entry for entry in (minutes.entries.all() if minutes else [])}
    sections = []
    for item in meeting.items.order_by("position"):
        if confidential and not item.confidential:
            continue
        entry = entries.get(item.pk)
        sections.append(
            MinutesSection(
                number=item.position,
                title=item.title,
                text=entry.text if entry else "",
                confidential_elsewhere=item.confidential and not confidential,
            )
        )
    adopted = ""
    if minutes and minutes.is_adopted:
        adopted = _("Adopted in the %(meeting)s of %(date)s (%(result)s).") % {
            "meeting": minutes.adopted_in.title,
            "date": date_format(minutes.adopted_on, "j F Y"),
            "result": minutes.get_approval_result_display().lower(),
        }
    return MinutesDocument(
        meeting=selectors.meeting_heading(meeting),
        sections=tuple(sections),
        status=minutes.status if minutes else "draft",
        confidential=confidential,
        minute_taker=minutes.minute_taker if minutes else "",
        adopted=adopted,
    )


def _actions(meeting: Meeting) -> ActionList:
    return ActionList(
        meeting=selectors.meeting_heading(meeting),
        actions=tuple(
            ActionEntry(
                number=action.number,
                text=action.text,
                owner=action.owner,
                due=action.due_date,
                status=action.get_status_display(),
            )
            for action in selectors.action_list(meeting)
        ),
    )


def _decisions(meeting: Meeting) -> DecisionList:
    return DecisionList(
        meeting=selectors.meeting_heading(meeting),
        decisions=tuple(
            DecisionEntry(number=d.number, text=d.text, date=d.date)
            for d in selectors.decision_list(meeting)
        ),
    )


def _attendance(meeting: Meeting) -> AttendanceDocument:
    rows = selectors.attendance_rows(meeting)

    def label(row) -> str:
        return f"{row.person} ({row.note})" if row.note else row.person

    return AttendanceDocument(
        meeting=selectors.meeting_heading(meeting),
        members=tuple(
            AttendanceLine(
                name=row.member.name, attendee=row.person if row.present else "", remark=row.remark
            )
            for row in rows["members"]
        ),
        present=tuple(label(row) for row in rows["present"]),
        absent=tuple(label(row) for row in rows["absent"]),
    )


def meeting_document_request(*, meeting: Meeting, kind: str, user: User) -> RenderedDocument:
    """The current version of one of the meeting's documents (a new one if its content changed)."""
    if kind not in MEETING_KINDS:
        raise ValueError(kind)
    selectors.only_those_who_see_it(user, meeting)
    source = meeting
    archival = None
    with translation.override(settings.LANGUAGE_CODE):
        if kind == DocumentKind.AGENDA:
            data, title = _agenda(meeting), _("Agenda %(meeting)s")
        elif kind == DocumentKind.MINUTES:
            data, title = _minutes(meeting, confidential=False), _("Minutes %(meeting)s")
            archival = data.status == "adopted"
        elif kind == DocumentKind.MINUTES_CONFIDENTIAL:
            if not selectors.can_see_confidential(user, meeting):
                raise RuleDenied(
                    _("You may not read the confidential minutes."),
                    code="minutes-confidential-not-readable",
                )
            source = selectors.minutes_of(meeting)
            if source is None:
                raise RuleDenied(_("This meeting has no minutes yet."), code="minutes-missing")
            data = _minutes(meeting, confidential=True)
            title = _("Minutes (confidential annex) %(meeting)s")
            archival = data.status == "adopted"
        elif kind == DocumentKind.ACTION_LIST:
            data, title = _actions(meeting), _("Action list %(meeting)s")
        elif kind == DocumentKind.DECISION_LIST:
            data, title = _decisions(meeting), _("Decision list %(meeting)s")
        else:
            data, title = _attendance(meeting), _("Attendance list %(meeting)s")
        title = title % {"meeting": meeting}
    return document_services.document_request(
        kind=kind,
        source=source,
        context=data.as_context(),
        title=title,
        requested_by=user,
        archival=archival,
    )
