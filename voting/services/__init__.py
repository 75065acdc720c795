"""Writes of the voting app: polls from opening to result, ballots, decisions in writing.

One module per sub-domain: `polls` (prepare, open, close, the item under discussion),
`ballots` (casting, the single-query check and the locks), `secret` (teller keys, the
encryption of secret ballots, the tellers' decryption of the tally), `written` (decisions
outside a meeting). Other apps and the pages import the names below from `voting.services`.
"""

from voting.services.ballots import ballot_cast, ballots_cast_all
from voting.services.outcomes import outcome_handler_register
from voting.services.polls import meeting_current_item, poll_close, poll_create, poll_open
from voting.services.secret import (
    poll_teller_confirm,
    poll_tellers_choose,
    teller_key_create,
    teller_key_discard,
)
from voting.services.written import (
    resolution_answer,
    resolution_board_informed,
    resolution_close,
    resolution_create,
    resolution_open,
)

__all__ = [
    "ballot_cast",
    "ballots_cast_all",
    "meeting_current_item",
    "outcome_handler_register",
    "poll_close",
    "poll_create",
    "poll_open",
    "poll_teller_confirm",
    "poll_tellers_choose",
    "resolution_answer",
    "resolution_board_informed",
    "resolution_close",
    "resolution_create",
    "resolution_open",
    "teller_key_create",
    "teller_key_discard",
]
