"""The walk's entries for the annual accounts, budget and tariffs (see tests/walk.py).

Who sees what is `finance.selectors`: the controller enters (`only_the_controller`); the
controller, the secretariat and the supervisory board read everything (`only_readers`); the
walk's 2020 accounts are put to the ALV of 17 June 2020, so whoever sees that meeting sees
them (`can_see_accounts`); adopted accounts (the seed's 2019, adopted by the re-enacted
meeting) are public.
"""

from tests.walk import EVERYONE, LOGGED_IN, STAFF, Page

CONTROLLER = frozenset({"controller"})
READERS = frozenset({"controller", "secretariat", "board_member"})
# Who sees the ALV of 17 June 2020 (`meetings.selectors.can_see_meeting`): anyone with a role
# and the members' people; the walk's proxy holder is neither.
SEES_ASSEMBLY = STAFF | {"secretary_a", "secretary_b", "representative_a"}
# The assembly's extension of the drawing-up period is recorded by the controller or the
# secretariat (`finance.services.extension_grant`).
RECORDS_EXTENSION = frozenset({"controller", "secretariat"})
BUDGET_YEAR = 2021  # the seed's approved budget and example tariffs


def accounts(w):
    return [w.extra["accounts"].year]


PAGES = [
    Page("finance:index", ok=LOGGED_IN),
    Page("finance:accounts-import", ok=CONTROLLER),
    Page("finance:accounts-detail", accounts, ok=SEES_ASSEMBLY),
    Page("finance:accounts-report", accounts, ok=SEES_ASSEMBLY),
    Page("finance:accounts-ratios", accounts, ok=SEES_ASSEMBLY),
    Page("finance:accounts-export", accounts, ok=SEES_ASSEMBLY),
    Page("finance:accounts-pdf", accounts, post_only=True),
    Page(
        "finance:line-edit",
        lambda w: [w.extra["accounts"].year, w.extra["line"].code],
        ok=CONTROLLER,
    ),
    Page("finance:auditor-edit", accounts, ok=CONTROLLER),
    Page("finance:extension-edit", accounts, ok=RECORDS_EXTENSION),
    Page(
        "finance:signature-edit",
        lambda w: [w.extra["accounts"].year, w.extra["signature"].pk],
        ok=CONTROLLER,
    ),
    Page("finance:new-version", accounts, post_only=True),
    Page("finance:proposal-create", accounts, post_only=True),
    Page(
        "finance:proposal-poll",
        lambda w: [w.extra["accounts"].year, w.extra["finance_proposal"].pk],
        post_only=True,
    ),
    # Approved: for everyone logged in (`finance.selectors.budgets_visible`).
    Page("finance:budget-detail", lambda w: [BUDGET_YEAR], ok=LOGGED_IN),
    Page("finance:tariffs", lambda w: [BUDGET_YEAR], ok=READERS),
    Page("finance:tariffs-csv", lambda w: [BUDGET_YEAR], ok=READERS),
    # Member A's contribution: the readers and member A's secretary.
    Page(
        "finance:tariff-member",
        lambda w: [BUDGET_YEAR, w.member_a.slug],
        ok=READERS | {"secretary_a"},
    ),
    # The public pages: the seed's 2019 accounts, adopted by the re-enacted ALV.
    Page("finance-public:index", ok=EVERYONE),
    Page("finance-public:accounts", lambda w: [w.extra["adopted_accounts"].year], ok=EVERYONE),
]
