"""The walk's entries for the meetings app's pages (see tests/walk.py)."""

from tests.walk import EVERYONE, LOGGED_IN, STAFF, Page

SECRETARIAT = frozenset({"secretariat"})
# The proxy holder of the walk is no member's person: the meeting's own pages are not for it
# (the voting pages are; see tests/voting/walk.py).
SEES_ASSEMBLY = STAFF | {"secretary_a", "secretary_b", "representative_a"}


def seeded(w):
    return [w.seeded_meeting.pk]


PAGES = [
    Page("meetings:meeting-list", ok=LOGGED_IN),
    Page("meetings:meeting-create", ok=SECRETARIAT),
    Page("meetings:meeting-detail", seeded, ok=SEES_ASSEMBLY),
    Page("meetings:meeting-edit", lambda w: [w.meeting.pk], ok=SECRETARIAT),
    Page("meetings:meeting-ics", seeded, ok=SEES_ASSEMBLY),
    Page("meetings:meeting-transition", lambda w: [w.meeting.pk, "close"], post_only=True),
    Page("meetings:meeting-document", lambda w: [w.seeded_meeting.pk, "agenda"], post_only=True),
    Page("meetings:item-add", lambda w: [w.meeting.pk], ok=SECRETARIAT),
    Page("meetings:item-edit", lambda w: [w.meeting.pk, w.extra["item"].pk], ok=SECRETARIAT),
    Page("meetings:item-move", lambda w: [w.meeting.pk, w.extra["item"].pk], post_only=True),
    Page("meetings:item-delete", lambda w: [w.meeting.pk, w.extra["item"].pk], post_only=True),
    Page(
        "meetings:annex-add",
        lambda w: [w.seeded_meeting.pk, w.extra["annex"].agenda_item_id],
        ok=SECRETARIAT,
    ),
    # A public annex of a published meeting: for everyone.
    # A public annex of a published meeting: for everyone.
    Page(
        "meetings:annex-download",
        lambda w: [w.seeded_meeting.pk, w.extra["annex"].pk],
        ok=EVERYONE,
    ),
    Page(
        "meetings:annex-upload",
        lambda w: [w.seeded_meeting.pk, w.extra["annex"].pk],
        ok=SECRETARIAT,
    ),
    Page(
        "meetings:annex-correct",
        lambda w: [w.seeded_meeting.pk, w.extra["annex"].pk],
        ok=SECRETARIAT,
    ),
    Page(
        "meetings:annex-version",
        lambda w: [w.seeded_meeting.pk, 0],
        ok=frozenset(),
        why="no version: 404",
    ),
    Page("meetings:minutes", seeded, ok=SEES_ASSEMBLY),
    # The walk's meeting has no minutes of an earlier meeting on its agenda: 404 for everyone.
    Page("meetings:minutes-adopt", lambda w: [w.meeting.pk], ok=frozenset()),
    Page(
        "meetings:minutes-correct",
        lambda w: [w.seeded_meeting.pk, w.extra["entry"].pk],
        ok=SECRETARIAT,
    ),
    Page("meetings:actions", seeded, ok=SEES_ASSEMBLY),
    Page(
        "meetings:action-close",
        lambda w: [w.seeded_meeting.pk, w.extra["action"].pk],
        post_only=True,
    ),
    Page("meetings:decisions", seeded, ok=SEES_ASSEMBLY),
    Page("meetings:attendance", seeded, ok=SEES_ASSEMBLY),
    Page(
        "meetings:attendance-row",
        lambda w: [w.seeded_meeting.pk, w.extra["attendance"].pk],
        ok=SECRETARIAT,
    ),
    Page("meetings:history", seeded, ok=SECRETARIAT),
    # The public pages.
    Page("public:index", ok=EVERYONE),
    Page("public:meeting", seeded, ok=EVERYONE),
    Page("public:feed", ok=EVERYONE),
    # Open data (meetings/opendata.py): JSON and CSV without log-in.
    Page("opendata:index", ok=EVERYONE),
    Page("opendata:dataset", lambda w: ["documents", "csv"], ok=EVERYONE),
]
