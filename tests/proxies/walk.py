"""The walk's entries for the proxies app's pages (see tests/walk.py)."""

from tests.walk import STAFF, Page

SECRETARIAT = frozenset({"secretariat"})
# Member B's proxy (to the proxy holder): its secretary, the holder and the secretariat.
OF_THE_PROXY = frozenset({"secretariat", "secretary_b", "proxy_holder"})

PAGES = [
    Page("proxies:proxy-detail", lambda w: [w.proxy.pk], ok=OF_THE_PROXY),
    # The meeting is in session: only the secretariat changes (the others are told why).
    Page("proxies:proxy-edit", lambda w: [w.proxy.pk], ok=SECRETARIAT),
    Page("proxies:proxy-revoke", lambda w: [w.proxy.pk], post_only=True),
    Page("proxies:proxy-scan", lambda w: [w.proxy.pk], ok=frozenset(), why="no signed letter: 404"),
    Page("proxies:overview", lambda w: [w.meeting.pk], ok=SECRETARIAT),
    Page("proxies:overview-csv", lambda w: [w.meeting.pk], ok=SECRETARIAT),
    Page(
        "proxies:meeting-panel",
        lambda w: [w.meeting.pk],
        ok=STAFF | {"secretary_a", "secretary_b", "representative_a", "proxy_holder"},
    ),
    # Member A has no proxy: its secretary is told the meeting has started (a message).
    Page("proxies:proxy-file", lambda w: [w.meeting.pk, w.member_a.slug], ok=SECRETARIAT),
    Page("proxies:register", lambda w: [w.meeting.pk, w.member_a.slug], post_only=True),
]
