"""The walk's entries for the municipal app's pages (see tests/walk.py)."""

from tests.walk import STAFF, Page

# Member A's dossier: its secretary, and the secretariat (who may see every member's).
OF_MEMBER_A = frozenset({"secretariat", "secretary_a"})


def _member_a(w):
    return [w.meeting.pk, w.member_a.slug]


PAGES = [
    Page(
        "municipal:meeting-panel",
        lambda w: [w.meeting.pk],
        ok=STAFF | {"secretary_a", "secretary_b", "representative_a"},
    ),
    Page("municipal:pack", lambda w: [w.meeting.pk], post_only=True),
    Page("municipal:overview", lambda w: [w.meeting.pk], ok=frozenset({"secretariat"})),
    Page("municipal:dossier", _member_a, ok=OF_MEMBER_A),
    Page("municipal:decision", _member_a, ok=OF_MEMBER_A),
    Page("municipal:note-docx", _member_a, ok=OF_MEMBER_A),
    Page("municipal:note-pdf", _member_a, post_only=True),
    Page("municipal:upload", _member_a, post_only=True),
    Page("municipal:publication", _member_a, ok=OF_MEMBER_A),
]
