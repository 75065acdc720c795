"""Writes of the meetings app: the secretariat prepares, convenes, minutes and publishes.

Every function checks its rules and raises a coded refusal (`ValidationError(..., code=...)` or
`dimpact_portal.rules.RuleDenied`, see docs/rules.md); nothing is stored when it does. Other apps
(proxies, voting) call these functions, not the models. One module per part of the work:

- `lifecycle`: create, edit, convene, open, close and publish a meeting;
- `agenda`: agenda items and their annexes;
- `annexes`: corrections of annexes (replace, edit, withdraw);
- `minutes`: minutes, their adoption and corrections;
- `lists`: the action list and the decision list;
- `attendance`: the attendance list.
"""

from meetings.services.agenda import (
    agenda_item_add,
    agenda_item_delete,
    agenda_item_move,
    agenda_item_update,
    annex_add,
    annex_upload,
)
from meetings.services.annexes import annex_edit, annex_replace, annex_withdraw
from meetings.services.attendance import (
    attendance_record,
    attendance_save,
    attendance_start_from_register,
)
from meetings.services.lifecycle import (
    meeting_close,
    meeting_convene,
    meeting_create,
    meeting_current_item_set,
    meeting_open,
    meeting_publish,
    meeting_update,
)
from meetings.services.lists import (
    action_add,
    action_close,
    action_reopen,
    decision_add,
    decision_record,
)
from meetings.services.minutes import (
    minutes_adopt,
    minutes_correct,
    minutes_entry_save,
    minutes_for,
)

__all__ = [
    "action_add",
    "action_close",
    "action_reopen",
    "agenda_item_add",
    "agenda_item_delete",
    "agenda_item_move",
    "agenda_item_update",
    "annex_add",
    "annex_edit",
    "annex_replace",
    "annex_upload",
    "annex_withdraw",
    "attendance_record",
    "attendance_save",
    "attendance_start_from_register",
    "decision_add",
    "decision_record",
    "meeting_close",
    "meeting_convene",
    "meeting_create",
    "meeting_current_item_set",
    "meeting_open",
    "meeting_publish",
    "meeting_update",
    "minutes_adopt",
    "minutes_correct",
    "minutes_entry_save",
    "minutes_for",
]
