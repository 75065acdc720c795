"""The walk's entries for the JSON API under /api/v1/ (see tests/walk.py); the member
register's are in tests/members/walk.py.

The API answers JSON, so the walk presses no buttons here: a GET is 200 for who is entitled
(the same selectors as the pages), 401 without credentials, 403 or 404 otherwise. An action
that takes only POST answers a GET with 405 (401 without credentials): nobody gets it.
"""

from tests.walk import EVERYONE, LOGGED_IN, STAFF, Page

NOBODY = frozenset()
SECRETARIAT = frozenset({"secretariat"})
# Who sees the walk's seeded ALV of 10 March 2020 (`meetings.selectors.can_see_meeting`).
SEES_ASSEMBLY = STAFF | {"secretary_a", "secretary_b", "representative_a"}
# The voting pages: who sees the meeting and who holds a proxy for it (`can_see_voting`).
SEES_VOTING = SEES_ASSEMBLY | {"proxy_holder"}
# Member B's proxy: its secretary, the holder and the secretariat (`can_see_proxy`).
OF_THE_PROXY = frozenset({"secretariat", "secretary_b", "proxy_holder"})
MEMBERS_AND_SECRETARIAT = frozenset(
    {"secretary_a", "secretary_b", "representative_a", "secretariat"}
)
BOARD = frozenset({"secretariat", "chair", "board_member"})
ROSTER = BOARD | {"secretary_a", "secretary_b", "representative_a"}
FINANCE_READERS = frozenset({"controller", "secretariat", "board_member"})
POST_ONLY = "POST only: a GET is 405 (401 without credentials)"


def seeded(w):
    return [w.seeded_meeting.pk]


def first_of(model_path, **filters):
    """The first (by pk) object of the model matching `filters` of the seeded meeting."""

    def args(w):
        from django.apps import apps

        model = apps.get_model(model_path)
        lookups = {
            key: w.seeded_meeting if value is None else value for key, value in filters.items()
        }
        return [model.objects.filter(**lookups).order_by("pk").first().pk]

    return args


PAGES = [
    Page("api-openapi", ok=EVERYONE),
    # Lists: the rows the user may see (an empty list for who sees none), for everyone logged in.
    Page("meeting-list", ok=LOGGED_IN),
    Page("meeting-detail", seeded, ok=SEES_ASSEMBLY),
    Page("agenda-item-list", ok=LOGGED_IN),
    Page(
        "agenda-item-detail",
        first_of("meetings.AgendaItem", meeting=None, confidential=False),
        ok=SEES_ASSEMBLY,
    ),
    Page("annex-list", ok=LOGGED_IN),
    # A public annex of a published meeting: for everyone (logged in: it is the API).
    Page("annex-detail", lambda w: [w.extra["annex"].pk], ok=LOGGED_IN),
    Page("minutes-list", ok=LOGGED_IN),
    Page("minutes-detail", first_of("meetings.Minutes", meeting=None), ok=SEES_ASSEMBLY),
    Page("decision-list", ok=LOGGED_IN),
    Page(
        "decision-detail",
        first_of("meetings.Decision", meeting=None, confidential=False),
        ok=SEES_ASSEMBLY,
    ),
    Page("action-item-list", ok=LOGGED_IN),
    Page("action-item-detail", lambda w: [w.extra["action"].pk], ok=SEES_ASSEMBLY),
    Page("attendance-list", ok=LOGGED_IN),
    Page("attendance-detail", lambda w: [w.extra["attendance"].pk], ok=SEES_ASSEMBLY),
    Page("proxy-list", ok=LOGGED_IN),
    Page("proxy-detail", lambda w: [w.proxy.pk], ok=OF_THE_PROXY),
    Page("proxy-revocation", lambda w: [w.proxy.pk], ok=NOBODY, why=POST_ONLY),
    Page("poll-list", ok=LOGGED_IN),
    Page("poll-detail", lambda w: [w.poll_closed.pk], ok=SEES_VOTING),
    Page("ballot-list", ok=NOBODY, why=POST_ONLY),
    Page("written-resolution-list", ok=MEMBERS_AND_SECRETARIAT),
    Page(
        "written-resolution-detail",
        lambda w: [w.extra["resolution"].pk],
        ok=MEMBERS_AND_SECRETARIAT,
    ),
    Page(
        "written-resolution-answers",
        lambda w: [w.extra["resolution"].pk],
        ok=NOBODY,
        why=POST_ONLY,
    ),
    Page("document-list", ok=SECRETARIAT),
    Page("document-detail", lambda w: [w.extra["document"].public_id], ok=SECRETARIAT),
    # The supervisory board (`governance.selectors.require_board`, `require_roster`).
    Page("commissioner-list", ok=BOARD),
    Page("commissioner-detail", lambda w: [w.extra["commissioner"].slug], ok=BOARD),
    Page("term-list", ok=BOARD),
    Page("term-detail", lambda w: [w.extra["term"].pk], ok=BOARD),
    Page("roster-entry-list", ok=ROSTER),
    # The annual accounts: the walk's 2020 accounts are put to the ALV of 17 June 2020.
    Page("annual-accounts-list", ok=LOGGED_IN),
    Page("annual-accounts-detail", lambda w: [w.extra["accounts"].year], ok=SEES_ASSEMBLY),
    Page("annual-accounts-ratios", lambda w: [w.extra["accounts"].year], ok=SEES_ASSEMBLY),
    Page("tariff-year-list", ok=FINANCE_READERS),
    Page("tariff-year-detail", lambda w: [2021], ok=FINANCE_READERS),
]
