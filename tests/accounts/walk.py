"""The walk's entries for the accounts app's pages (see tests/walk.py)."""

from tests.walk import EVERYONE, LOGGED_IN, Page

SECRETARIAT = frozenset({"secretariat"})

PAGES = [
    Page("home", ok=EVERYONE),  # the anonymous visitor is offered the log-in
    Page("two-factor-setup", ok=LOGGED_IN),
    # Who has no second factor is sent to set it up; who must have one is asked for it.
    Page("two-factor-verify", ok=LOGGED_IN, status=(200, 302)),
    Page("login", ok=EVERYONE, forms=False, why="logging in as someone else: tests/accounts"),
    Page("logout", post_only=True),
    Page("password_change", ok=LOGGED_IN),
    Page("password_change_done", ok=LOGGED_IN),
    Page("password_reset", ok=EVERYONE),
    Page("password_reset_done", ok=EVERYONE),
    Page("password_reset_confirm", lambda w: ["MQ", "set-password"], ok=EVERYONE),
    Page("password_reset_complete", ok=EVERYONE),
    Page("set_language", ok=EVERYONE, status=302),  # a GET goes back where it came from
    Page("recovery-codes-new", post_only=True),
    Page("recovery-codes", ok=LOGGED_IN, status=302),  # shown once after the set-up
    Page("account-security", ok=LOGGED_IN),
    Page(
        "logout-everywhere",
        post_only=True,
    ),
    Page("account-locks", ok=SECRETARIAT),
    Page("audit-trail", ok=SECRETARIAT),
    # Personal API tokens (accounts/tokens.py): each persona's own; the walk made one each.
    Page("api-tokens", ok=LOGGED_IN),
    Page(
        "api-token-revoke",
        lambda w: [w.extra["tokens"]["secretary_a"].token.digest],
        post_only=True,
    ),
]
