"""The walk's entries for the supervisory board's pages (see tests/walk.py).

Who sees what is `governance.selectors`: the board's own pages (`require_board`) for the
supervisory board, the secretariat and the chair; the roster (`require_roster`) also for the
members' current secretaries and representatives (the walk's proxy holder is none of those).
"""

from tests.walk import Page

BOARD = frozenset({"secretariat", "chair", "board_member"})
ROSTER = BOARD | {"secretary_a", "secretary_b", "representative_a"}
YEAR = 2019  # the seed's attendance table, WNT norm and self-evaluation


def year(w):
    return [YEAR]


PAGES = [
    Page("governance:board", ok=BOARD),
    Page("governance:roster", ok=ROSTER),
    Page("governance:roster-pdf", post_only=True),
    Page("governance:commissioner", lambda w: [w.extra["commissioner"].slug], ok=BOARD),
    Page("governance:attendance", year, ok=BOARD),
    Page("governance:wnt", year, ok=BOARD),
    Page("governance:evaluation", year, ok=BOARD),
    # The questionnaire: the commissioners only (the board member's account is one).
    Page("governance:evaluation-answer", year, ok=frozenset({"board_member"})),
]
