"""`python manage.py board_report --on YYYY-MM-DD [--wnt YYYY]`: the supervisory board on a date
(name, kind, portfolio, term end, re-appointable), the terms that ended without a decision, the
composition check, and with --wnt each commissioner's WNT maximum and what was paid."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from governance import selectors


def _day(value: datetime.date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "—"


class Command(BaseCommand):
    help = "Print the supervisory board on a date, lapsed terms and the composition check."

    def add_arguments(self, parser):
        parser.add_argument("--on", type=datetime.date.fromisoformat, help="YYYY-MM-DD (today)")
        parser.add_argument("--wnt", type=int, help="Add the WNT maxima and payments of a year.")

    def handle(self, *args, on=None, wnt=None, **options):
        on = on or timezone.localdate()
        with translation.override("en"):
            self._board(on)
            self._lapsed(on)
            self._composition(on)
            if wnt:
                self._wnt(wnt)

    def _board(self, on: datetime.date) -> None:
        rows = selectors.roster(on)
        self.stdout.write(f"Supervisory board on {_day(on)} ({len(rows)} commissioners)")
        for row in rows:
            flags = " (chair)" if row.chair else ""
            late = f"; decided only on {_day(row.term.decided_on)}" if row.decided_after else ""
            self.stdout.write(
                f"  {row.commissioner.name}{flags} | {row.commissioner.get_kind_display()}"
                f" | {row.portfolio or '—'} | term {row.term.number} ends {_day(row.term.ends_on)}"
                f" | {'re-appointable' if row.reappointable else 'not re-appointable'}{late}"
            )

    def _lapsed(self, on: datetime.date) -> None:
        lapsed = selectors.terms_lapsed(on)
        self.stdout.write(f"Terms ended without a decision: {len(lapsed) or 'none'}")
        for term in lapsed:
            self.stdout.write(
                f"  {term.commissioner.name}: term {term.number} ended {_day(term.ends_on)}"
            )

    def _composition(self, on: datetime.date) -> None:
        check = selectors.composition(on)
        self.stdout.write(
            f"Composition: {check.bound} bound (target {check.bound_target}), "
            f"{check.unbound} unbound (target {check.unbound_target})"
        )
        regions = ", ".join(f"{k} {v}" for k, v in sorted(check.regions.items())) or "—"
        sizes = ", ".join(f"{k} {v}" for k, v in sorted(check.size_classes.items())) or "—"
        self.stdout.write(f"  regions: {regions}; size classes: {sizes}")
        for code, message in check.findings or [("ok", "no findings")]:
            self.stdout.write(f"  [{code}] {message}")

    def _wnt(self, year: int) -> None:
        norm = selectors.wnt_norm(year)
        if norm is None:
            raise CommandError(f"No WNT maximum recorded for {year}.")
        self.stdout.write(
            f"WNT {year}: general maximum EUR {norm.general_maximum:,}".replace(",", ".")
        )
        for row in selectors.wnt_rows(year):
            paid = "—" if row.paid is None else f"{row.paid:,}".replace(",", ".")
            finding = "EXCEEDS the maximum" if row.exceeds else "within the maximum"
            self.stdout.write(
                f"  {row.commissioner.name}: {_day(row.first_day)} – {_day(row.last_day)}"  # noqa: RUF001 (an en dash for a range)
                f" | maximum {row.maximum:,}".replace(",", ".")
                + f" | paid {paid} | {finding}"
            )
