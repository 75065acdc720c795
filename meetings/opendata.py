"""Open data without log-in: published decisions, public agenda items and public documents of
every published meeting, as JSON or CSV, filtered on meeting and date.

Only what the public pages show reaches these files: the public decision list
(`selectors.decisions_published`) and what the agenda shows an anonymous visitor
(`selectors.agenda_rows` with `AnonymousUser`); confidential items, their annexes and
confidential decisions are left out, not merely masked.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dimpact_portal.csv_export import csv_download
from meetings import selectors
from meetings.models import Meeting

MAX_ID = 999_999_999_999_999_999


class BadParameter(Exception):
    def __init__(self, name: str, reason: str):
        super().__init__(reason)
        self.name, self.reason = name, reason


@dataclass(frozen=True)
class Filters:
    meeting: int | None
    date_from: datetime.date | None
    date_to: datetime.date | None


def _date(request: HttpRequest, name: str) -> datetime.date | None:
    raw = request.GET.get(name, "")
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise BadParameter(name, _("Use an ISO date, e.g. 2020-03-10.")) from None


def _filters(request: HttpRequest) -> Filters:
    raw = request.GET.get("meeting", "")
    if raw and not (raw.isdigit() and 1 <= int(raw[:19]) <= MAX_ID and len(raw) <= 18):
        raise BadParameter("meeting", _("A meeting's number."))
    return Filters(
        int(raw) if raw else None, _date(request, "date_from"), _date(request, "date_to")
    )


def _meetings(filters: Filters):
    meetings = Meeting.objects.published().order_by("date", "pk")
    if filters.meeting is not None:
        meetings = meetings.filter(pk=filters.meeting)
    if filters.date_from:
        meetings = meetings.filter(date__gte=filters.date_from)
    if filters.date_to:
        meetings = meetings.filter(date__lte=filters.date_to)
    return meetings


def _absolute(request: HttpRequest, name: str, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def decision_rows(request: HttpRequest, filters: Filters) -> list[dict]:
    decisions = selectors.decisions_published().order_by("date", "meeting_id", "number")
    if filters.meeting is not None:
        decisions = decisions.filter(meeting_id=filters.meeting)
    if filters.date_from:
        decisions = decisions.filter(date__gte=filters.date_from)
    if filters.date_to:
        decisions = decisions.filter(date__lte=filters.date_to)
    return [
        {
            "id": d.pk,
            "meeting": d.meeting_id,
            "meeting_title": d.meeting.title,
            "meeting_date": d.meeting.date.isoformat(),
            "number": d.number,
            "date": d.date.isoformat(),
            "text": d.text,
            "url": _absolute(request, "public:meeting", d.meeting_id) + f"#besluit-{d.number}",
        }
        for d in decisions
    ]


def _public_rows(filters: Filters):
    """(meeting, agenda row) as an anonymous visitor sees them, confidential items left out."""
    for meeting in _meetings(filters):
        for row in selectors.agenda_rows(meeting, AnonymousUser()):
            if not (row.restricted or row.item.confidential):
                yield meeting, row


def agenda_item_rows(request: HttpRequest, filters: Filters) -> list[dict]:
    return [
        {
            "id": row.item.pk,
            "meeting": meeting.pk,
            "meeting_title": meeting.title,
            "meeting_date": meeting.date.isoformat(),
            "position": row.item.position,
            "title": row.item.title,
            "purpose": row.item.purpose,
            "description": row.item.description,
            "proposal": row.item.proposal,
        }
        for meeting, row in _public_rows(filters)
    ]


def document_rows(request: HttpRequest, filters: Filters) -> list[dict]:
    return [
        {
            "id": annex.pk,
            "meeting": meeting.pk,
            "meeting_date": meeting.date.isoformat(),
            "agenda_item": row.item.pk,
            "code": annex.code,
            "title": annex.title,
            "file_name": annex.original_name,
            "size": annex.size,
            "download_url": _absolute(request, "meetings:annex-download", meeting.pk, annex.pk),
        }
        for meeting, row in _public_rows(filters)
        for annex in row.annexes
        if annex.is_available and not selectors.annex_is_confidential(annex)
    ]


DATASETS = {
    "decisions": decision_rows,
    "agenda-items": agenda_item_rows,
    "documents": document_rows,
}


def _problem(name: str, reason: str) -> JsonResponse:
    body = {
        "type": "about:blank",
        "title": "Bad Request",
        "status": 400,
        "detail": reason,
        "code": "invalid-params",
        "invalid_params": [{"name": name, "code": "invalid", "reason": reason}],
    }
    return JsonResponse(body, status=400, content_type="application/problem+json")


@require_GET
def dataset(request: HttpRequest, name: str, extension: str) -> HttpResponse:
    try:
        filters = _filters(request)
    except BadParameter as error:
        return _problem(error.name, error.reason)
    rows = DATASETS[name](request, filters)
    if extension == "json":
        response = JsonResponse({"count": len(rows), "results": rows})
    else:
        response, writer = csv_download(f"{name}.csv")
        columns = list(rows[0]) if rows else []
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row[column] for column in columns])
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def index(request: HttpRequest) -> JsonResponse:
    """The datasets, each in both formats, with the filters they take."""
    return JsonResponse(
        {
            "datasets": [
                {
                    "name": name,
                    "json": _absolute(request, "opendata:dataset", name, "json"),
                    "csv": _absolute(request, "opendata:dataset", name, "csv"),
                }
                for name in DATASETS
            ],
            "filters": ["meeting", "date_from", "date_to"],
            "feed": _absolute(request, "public:feed"),
        }
    )
