"""What each kind of document is rendered from: its template, and whether it is archived.

`revision` is part of a document's input digest: raise it when a template changes in a way
that should give existing documents a new version the next time they are asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

from documents.constants import DocumentKind


@dataclass(frozen=True)
class KindSpec:
    template: str
    # Archived documents (decision lists, adopted minutes, proxies) are written as PDF/A.
    archival: bool
    # 2: every kind tagged (PDF/UA-1, archived kinds PDF/A-2a), so documents render anew.
    revision: int = 2


KINDS: dict[str, KindSpec] = {
    DocumentKind.PROXY_LETTER: KindSpec("documents/pdf/proxy_letter.html", archival=True),
    DocumentKind.AGENDA: KindSpec("documents/pdf/agenda.html", archival=False),
    DocumentKind.ACTION_LIST: KindSpec("documents/pdf/action_list.html", archival=False),
    DocumentKind.DECISION_LIST: KindSpec("documents/pdf/decision_list.html", archival=True),
    # Minutes are archived once adopted: the meetings app asks for PDF/A then.
    DocumentKind.MINUTES: KindSpec("documents/pdf/minutes.html", archival=False),
    DocumentKind.MINUTES_CONFIDENTIAL: KindSpec("documents/pdf/minutes.html", archival=False),
    DocumentKind.ATTENDANCE_LIST: KindSpec("documents/pdf/attendance_list.html", archival=False),
    DocumentKind.POLL_RESULT: KindSpec("documents/pdf/poll_result.html", archival=True),
    DocumentKind.ROSTER: KindSpec("documents/pdf/roster.html", archival=False),
    DocumentKind.ACCOUNTS_SUMMARY: KindSpec("documents/pdf/accounts_summary.html", archival=False),
    # The cover and agenda; the municipal app's composer adds the annexes (municipal/pack.py).
    DocumentKind.MEETING_PACK: KindSpec("municipal/pdf/pack_cover.html", archival=False),
    DocumentKind.DECISION_NOTE: KindSpec("municipal/pdf/decision_note.html", archival=False),
}


def kind_spec(kind: str) -> KindSpec:
    return KINDS[DocumentKind(kind)]
