"""What an assembly decision sets in motion elsewhere: other apps register a handler here.

When the chair closes a poll or the secretariat closes a decision outside a meeting, every
registered handler is called inside the same transaction, after the decision is on the
decision list: a re-appointment extends a term (governance), the adoption of the accounts
freezes them (finance). A handler looks at what the poll or resolution was about and returns
without doing anything when it is not its business; if it raises, the close is undone, so a
result is never recorded without what it decides.

Register in `AppConfig.ready()`:

    from voting.services import outcome_handler_register
    outcome_handler_register(term_reappoint_from_outcome)

    def term_reappoint_from_outcome(*, poll, resolution, adopted, decision, user): ...
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accounts.models import User
    from meetings.models import Decision
    from voting.models import Poll, WrittenResolution

OutcomeHandler = Callable[..., Any]
_HANDLERS: list[OutcomeHandler] = []


def outcome_handler_register(handler: OutcomeHandler) -> None:
    """Call `handler(*, poll, resolution, adopted, decision, user)` at every close (once)."""
    if handler not in _HANDLERS:
        _HANDLERS.append(handler)


def outcome_handlers_run(
    *,
    poll: Poll | None = None,
    resolution: WrittenResolution | None = None,
    adopted: bool,
    decision: Decision,
    user: User | None,
) -> None:
    for handler in list(_HANDLERS):
        handler(poll=poll, resolution=resolution, adopted=adopted, decision=decision, user=user)
