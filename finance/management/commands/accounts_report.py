"""`python manage.py accounts_report YYYY`: the validation report (every check, its figures,
its difference) and the ratios of the latest version of that year's accounts."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from finance import selectors
from finance.models import AnnualAccounts
from finance.templatetags.finance_tags import euro_text, ratio


class Command(BaseCommand):
    help = "Print the validation report and the ratios of the annual accounts of a year."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--accounts-version", type=int, dest="accounts_version", default=None)

    def handle(self, *args, year: int, accounts_version: int | None, **options):
        rows = AnnualAccounts.objects.filter(year=year)
        if accounts_version is not None:
            rows = rows.filter(version=accounts_version)
        accounts = rows.order_by("-version").first()
        if accounts is None:
            raise CommandError(_("There are no annual accounts for %(year)s.") % {"year": year})
        report = selectors.accounts_report(accounts)
        self.stdout.write(
            f"{accounts} (version {accounts.version}, {accounts.get_status_display()})"
        )
        self._report(report)
        self._ratios(selectors.accounts_ratios(accounts))

    def _report(self, report) -> None:
        section = None
        for r in report.results:
            if r.section != section:
                section = r.section
                self.stdout.write(f"\n== {section}")
            figures = "; ".join(
                f"{label} {euro_text(amount) or '—'}" for label, amount in r.figures
            )
            self.stdout.write(
                f"[{r.status.upper():8}] {r.year} {r.title}\n"
                f"           {figures}\n"
                f"           stated {euro_text(r.stated) or '—'}, computed "
                f"{euro_text(r.computed) or '—'}, difference {euro_text(r.difference) or '—'}"
                + (f"\n           {r.remark}" if r.remark else "")
                + (f"\n           explanation: {r.explanation}" if r.explanation else "")
            )
        self.stdout.write(
            f"\n{len(report.results)} checks: {report.passed} agree, "
            f"{len(report.findings)} findings, "
            f"{sum(r.status == 'skipped' for r in report.results)} not checkable."
        )

    def _ratios(self, years) -> None:
        self.stdout.write("\n== " + _("Ratios against the norms"))
        header = f"{'':88}" + "".join(f"{y.year:>16}" for y in years)
        self.stdout.write(header)
        for index, first in enumerate(years[0].ratios if years else ()):
            cells = ""
            for y in years:
                r = y.ratios[index]
                mark = " ok" if r.meets else (" LOW" if r.meets is False else "")
                cells += f"{ratio(r.value, r.unit) + mark:>16}"
            self.stdout.write(f"{first.label[:66]:66} {first.norm:21}" + cells)
