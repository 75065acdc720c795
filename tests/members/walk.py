"""The walk's entries for the member register's pages and its API (see tests/walk.py)."""

from tests.walk import LOGGED_IN, Page

SECRETARIAT = frozenset({"secretariat"})

PAGES = [
    Page("members:member-list", ok=LOGGED_IN),
    Page("members:member-detail", lambda w: ["deventer"], ok=LOGGED_IN),
    Page("members:proposal-list", ok=SECRETARIAT),
    Page(
        "members:proposal-detail",
        lambda w: [w.extra["proposal"].pk],
        ok=SECRETARIAT | {"secretary_a"},
    ),
    Page("members:proposal-decide", lambda w: [w.extra["proposal"].pk], post_only=True),
    Page("members:proposal-create", lambda w: [w.member_a.slug], ok=SECRETARIAT | {"secretary_a"}),
    Page("members:member-leave", lambda w: [w.member_a.slug], ok=SECRETARIAT),
    # The register's API (Django REST framework).
    Page("member-list", ok=LOGGED_IN),
    Page("member-detail", lambda w: ["deventer"], ok=LOGGED_IN),
]
