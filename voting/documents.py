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
from voting.models import Poll


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
            "entitled": poll.entitled,
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
