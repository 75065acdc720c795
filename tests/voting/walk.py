"""The walk's entries for the voting app's pages (see tests/walk.py), and the walk's secret
poll: closed and counted by two of its three tellers (the chair and the two secretaries)."""

from tests.walk import EVERYONE, STAFF, Page

CHAIR = frozenset({"chair", "secretariat"})
SEES_ASSEMBLY = STAFF | {"secretary_a", "secretary_b", "representative_a", "proxy_holder"}
MEMBERS_AND_SECRETARIAT = frozenset(
    {"secretary_a", "secretary_b", "representative_a", "secretariat"}
)
TELLERS = frozenset({"chair", "secretary_a", "secretary_b"})


def secret_poll_counted(meeting, users, member_a, item):
    from tests.voting.secret import teller_keys, tellers_confirm
    from voting import services

    tellers = [users[name] for name in sorted(TELLERS)]
    keys = teller_keys(*tellers)
    poll = services.poll_create(
        meeting=meeting,
        user=users["chair"],
        question="Benoeming, geheim",
        agenda_item=item,
        decision_kind="persons",
        tellers=tellers,
    )
    services.poll_open(poll=poll, user=users["chair"])
    services.ballot_cast(
        poll=poll, member_id=member_a.pk, user=users["representative_a"], choice="for"
    )
    services.poll_close(poll=poll, user=users["chair"])
    return tellers_confirm(poll, keys, tellers[:2])


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
    Page("voting:poll-teller", lambda w: [w.extra["secret_poll"].pk], ok=TELLERS),
    Page("voting:tracker-check", lambda w: [w.extra["secret_poll"].pk], ok=SEES_ASSEMBLY),
    Page("voting:poll-published", lambda w: [w.extra["secret_poll"].pk], ok=SEES_ASSEMBLY),
    Page(
        "voting:teller-key",
        ok=CHAIR | {"secretary_a", "secretary_b", "representative_a"},
        forms=False,
        why="the button makes a new key, which would replace the walk's tellers' keys",
    ),
    Page("voting:resolution-list", ok=MEMBERS_AND_SECRETARIAT),
    Page(
        "voting:resolution-detail", lambda w: [w.extra["resolution"].pk], ok=MEMBERS_AND_SECRETARIAT
    ),
]
