"""The result of a poll as a PDF (document service): the result with the entitled list and
attendance; for a named poll also how each member voted (an annex to the minutes)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from documents import services as document_services
from documents.constants import DocumentKind
from documents.inputs import association_header
from meetings import selectors as meeting_selectors
from voting import selectors
from voting.constants import Choice, Via
from voting.models import Poll


def _label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def entitled_rows(poll: Poll) -> list[dict]:
    """The entitled list frozen at the close, as people read it: the snapshot keeps stored
    values ("for", "proxy") or a candidate's name; the CSV and the PDF show the labels in the
    active language."""
    return [
        {
            **entry,
            "choice": _label(Choice, entry["choice"]),
            "via_label": _label(Via, entry["via"]),
        }
        for entry in poll.entitled
    ]


def poll_result_request(*, poll: Poll, user):
    meeting = poll.meeting
    rows = meeting_selectors.attendance_rows(meeting)
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "association": association_header(),
            "meeting": meeting_selectors.meeting_heading(meeting).__dict__,
            "poll": {
                "question": poll.question,
                "item": str(poll.agenda_item) if poll.agenda_item else "",
                "secret": poll.secret,
                "rule": selectors.rule_text(poll),
                "result": poll.result_text,
                "outcome": poll.get_outcome_display(),
                "counts": poll.counts,
                "closed_at": poll.closed_at,
            },
            "entitled": entitled_rows(poll),
            "attendance": [
                {
                    "name": row.member.name,
                    "attendee": row.person if row.present else "",
                    "remark": row.remark,
                }
                for row in rows["members"]
            ],
        }
        title = _("Poll result: %(question)s") % {"question": poll.question[:80]}
    return document_services.document_request(
        kind=DocumentKind.POLL_RESULT, source=poll, context=context, title=title, requested_by=user
    )
