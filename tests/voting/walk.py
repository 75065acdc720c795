"""The walk's entries for the voting app's pages (see tests/walk.py)."""

from tests.walk import EVERYONE, STAFF, Page

CHAIR = frozenset({"chair", "secretariat"})
SEES_ASSEMBLY = STAFF | {"secretary_a", "secretary_b", "representative_a", "proxy_holder"}
MEMBERS_AND_SECRETARIAT = frozenset(
    {"secretary_a", "secretary_b", "representative_a", "secretariat"}
)

PAGES = [
    Page("voting:vote", lambda w: [w.meeting.pk], ok=SEES_ASSEMBLY),
    Page("voting:status", lambda w: [w.meeting.pk], ok=EVERYONE, query={"v": "-1"}),
    Page("voting:chair", lambda w: [w.meeting.pk], ok=CHAIR),
    Page("voting:minutes-annex", lambda w: [w.meeting.pk], ok=SEES_ASSEMBLY),
    Page("voting:poll-detail", lambda w: [w.poll_closed.pk], ok=SEES_ASSEMBLY),
    Page("voting:ballot", lambda w: [w.poll_open.pk], post_only=True),
    Page("voting:live", lambda w: [w.poll_open.pk], ok=SEES_ASSEMBLY),
    Page("voting:poll-csv", lambda w: [w.poll_closed.pk], ok=SEES_ASSEMBLY),
    Page("voting:poll-pdf", lambda w: [w.poll_closed.pk], post_only=True),
    Page("voting:poll-transition", lambda w: [w.poll_draft.pk, "open"], post_only=True),
    Page("voting:resolution-list", ok=MEMBERS_AND_SECRETARIAT),
    Page(
        "voting:resolution-detail", lambda w: [w.extra["resolution"].pk], ok=MEMBERS_AND_SECRETARIAT
    ),
]
