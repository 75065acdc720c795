"""The legal calendar of annual accounts.

- Civil Code 2:58 (1): the board draws up the accounts within six months after the end of the
  financial year; the general assembly may extend this by at most four months on account of
  special circumstances. They are signed by every director and every supervisory board member;
  a missing signature is stated with its reason.
- Civil Code 2:394 (3): accounts not adopted within two months after the end of the
  drawing-up period are deposited unadopted at once. We show that moment as the adoption
  deadline.
The months come from the association's settings (Dimpact: 6 and at most 4).
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from finance.constants import DEPOSIT_AFTER_DRAWING_UP_MONTHS, DeadlineKind


def month_end_after(year_end: datetime.date, months: int) -> datetime.date:
    """The last day of the month `months` months after `year_end` (a month's last day)."""
    month_index = year_end.month - 1 + months
    year, month = year_end.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class Deadline:
    kind: str
    label: str
    due_on: datetime.date
    done_on: datetime.date | None
    missing: tuple[str, ...] = ()

    def state(self, today: datetime.date) -> str:
        if self.done_on:
            return "done" if self.done_on <= self.due_on else "late"
        return "overdue" if today > self.due_on else "open"


def accounts_deadlines(
    *,
    year: int,
    extension_months: int,
    drawn_up_months: int,
    signatures: list[tuple[str, datetime.date | None, str]],
    adopted_on: datetime.date | None,
) -> list[Deadline]:
    """`signatures` as (name, signed_on, missing_reason): drawn up once each is dated or has
    its reason; the day of the last signature is the day it was done."""
    year_end = datetime.date(year, 12, 31)
    drawn_up_due = month_end_after(year_end, drawn_up_months + extension_months)
    missing = tuple(name for name, signed_on, reason in signatures if not signed_on and not reason)
    dates = [signed_on for _name, signed_on, _reason in signatures if signed_on]
    drawn_up_on = max(dates) if signatures and not missing and dates else None
    return [
        Deadline(
            DeadlineKind.DRAWN_UP,
            DeadlineKind.DRAWN_UP.label,
            drawn_up_due,
            drawn_up_on,
            missing,
        ),
        Deadline(
            DeadlineKind.ADOPTION,
            DeadlineKind.ADOPTION.label,
            month_end_after(drawn_up_due, DEPOSIT_AFTER_DRAWING_UP_MONTHS),
            adopted_on,
        ),
    ]
