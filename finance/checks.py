"""The validation report of annual accounts: every check with its figures and its difference.

It works on the exchange data (`finance.exchange`), so a file can be checked before it is
stored and stored accounts are checked the same way. A difference is a finding about the
figures, not an error of the program: it is reported with both amounts, and the controller
may record an explanation (`FindingExplanation`, by the check's `key`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from finance.constants import CheckStatus, Code
from finance.exchange import all_lines, parse_terms

PERIODS = ("current", "prior")


@dataclass
class CheckResult:
    key: str
    section: str
    title: str
    year: int
    figures: list[tuple[str, int | None]] = field(default_factory=list)
    stated: int | None = None
    computed: int | None = None
    status: str = CheckStatus.OK
    remark: str = ""
    explanation: str = ""

    @property
    def difference(self) -> int | None:
        if self.stated is None or self.computed is None:
            return None
        return self.stated - self.computed


@dataclass
class Report:
    year: int
    results: list[CheckResult]

    @property
    def findings(self) -> list[CheckResult]:
        return [r for r in self.results if r.status in (CheckStatus.FINDING, CheckStatus.NOTE)]

    @property
    def passed(self) -> int:
        return sum(r.status == CheckStatus.OK for r in self.results)

    def get(self, key: str) -> CheckResult | None:
        return next((r for r in self.results if r.key == key), None)

    @property
    def digest(self) -> str:
        """Everything the report says (every check's figures, result and explanation) as a
        short hash: the same digest, the same rows on the page."""
        return hashlib.sha256(repr((self.year, self.results)).encode()).hexdigest()


def _compare(result: CheckResult) -> CheckResult:
    if result.stated is None or result.computed is None:
        result.status = CheckStatus.SKIPPED
        result.remark = result.remark or _("A figure this check needs is not in these accounts.")
    elif result.stated != result.computed:
        result.status = CheckStatus.FINDING
    return result


class Figures:
    """Amounts of the lines by code, per period; `None` where the data has none."""

    def __init__(self, data: dict[str, Any]):
        self.year = data["year"]
        self.lines = {line["code"]: line for _statement, line in all_lines(data)}

    def year_of(self, period: str) -> int:
        return self.year if period == "current" else self.year - 1

    def stated(self, code: str, period: str, *, back: bool = False) -> int | None:
        line = self.lines.get(code)
        if line is None or (back and period == "prior"):
            return None  # the year before the prior year is not in these accounts
        key = "prior" if back or period == "prior" else "amount"
        return line.get(key)

    def effective(self, line: dict, period: str) -> int | None:
        """The line's amount, or for a heading without one, the sum of its sub-lines."""
        value = line.get("prior" if period == "prior" else "amount")
        if value is not None or not line.get("children"):
            return value
        parts = [self.effective(child, period) for child in line["children"]]
        return None if None in parts else sum(parts)

    def terms(self, text: str, period: str) -> tuple[list[tuple[str, int | None]], int | None]:
        figures, total = [], 0
        for sign, _statement, code, back in parse_terms(text):
            value = self.stated(code, period, back=back)
            if value is None and not back:
                value = self.effective(self.lines[code], period)
            label = self.lines[code]["label"] + (f" ({self.year_of(period) - 1})" if back else "")
            figures.append((("\u2212 " if sign < 0 else "") + label, value))
            total = None if value is None or total is None else total + sign * value
        return figures, total


def _balance_checks(f: Figures) -> list[CheckResult]:
    results = []
    for period in PERIODS:
        assets = f.stated(Code.ASSETS, period)
        passive = f.stated(Code.EQUITY_AND_LIABILITIES, period)
        results.append(
            _compare(
                CheckResult(
                    key=f"balance:{period}",
                    section=_("Balance sheet"),
                    title=_("Assets equal equity plus liabilities"),
                    year=f.year_of(period),
                    figures=[(_("Assets"), assets), (_("Equity and liabilities"), passive)],
                    stated=passive,
                    computed=assets,
                )
            )
        )
    return results


def _subtotal_checks(f: Figures) -> list[CheckResult]:
    results = []
    for code, line in f.lines.items():
        for period in PERIODS:
            stated = line.get("prior" if period == "prior" else "amount")
            if line.get("children") and stated is not None:
                figures = [(c["label"], f.effective(c, period)) for c in line["children"]]
                parts = [value for _label, value in figures]
                results.append(
                    _compare(
                        CheckResult(
                            key=f"total:{code}:{period}",
                            section=_("Subtotals and totals"),
                            title=line.get("total_label") or line["label"],
                            year=f.year_of(period),
                            figures=figures,
                            stated=stated,
                            computed=None if None in parts else sum(parts),
                        )
                    )
                )
            if line.get("formula") and stated is not None:
                figures, computed = f.terms(line["formula"], period)
                results.append(
                    _compare(
                        CheckResult(
                            key=f"formula:{code}:{period}",
                            section=_("Subtotals and totals"),
                            title=line["label"],
                            year=f.year_of(period),
                            figures=figures,
                            stated=stated,
                            computed=computed,
                        )
                    )
                )
    return results


def _equity_check(f: Figures, data: dict[str, Any]) -> list[CheckResult]:
    start = f.stated(Code.EQUITY, "current", back=True)
    result = f.stated(Code.RESULT, "current")
    movements = data.get("other_equity_movements", 0)
    computed = None if start is None or result is None else start + result + movements
    check = CheckResult(
        key="equity:current",
        section=_("Equity"),
        title=_("Equity at the start plus the result and movements equals equity at the end"),
        year=f.year,
        figures=[
            (_("Equity at the start of the year"), start),
            (_("Result of the year"), result),
            (_("Other movements"), movements),
        ],
        stated=f.stated(Code.EQUITY, "current"),
        computed=computed,
    )
    return [_compare(check)]


def _cash_checks(f: Figures) -> list[CheckResult]:
    start = f.stated(Code.CASH, "current", back=True)
    end = f.stated(Code.CASH, "current")
    results = [
        _compare(
            CheckResult(
                key="cash-change:current",
                section=_("Cash flow"),
                title=_("The cash-flow statement explains the change in cash"),
                year=f.year,
                figures=[(_("Cash at the end of the year"), end), (_("Cash at the start"), start)],
                stated=f.stated(Code.CASH_CHANGE, "current"),
                computed=None if start is None or end is None else end - start,
            )
        )
    ]
    for code, line in f.lines.items():
        if not line.get("reconcile"):
            continue
        for period in PERIODS:
            figures, computed = f.terms(line["reconcile"], period)
            results.append(
                _compare(
                    CheckResult(
                        key=f"reconcile:{code}:{period}",
                        section=_("Cash flow"),
                        title=_("%(line)s agrees with the other statements")
                        % {"line": line["label"]},
                        year=f.year_of(period),
                        figures=figures,
                        stated=f.stated(code, period),
                        computed=computed,
                    )
                )
            )
    return results


def _appropriation_check(f: Figures, data: dict[str, Any]) -> list[CheckResult]:
    amount = data.get("appropriation", {}).get("amount")
    if amount is None:
        return []
    result = f.stated(Code.RESULT, "current")
    check = CheckResult(
        key="appropriation:current",
        section=_("Appropriation of the result"),
        title=_("The appropriation covers the result of the year"),
        year=f.year,
        figures=[(_("Result of the year"), result), (_("Appropriated"), amount)],
        stated=amount,
        computed=result,
    )
    return [_compare(check)]


def validation_report(data: dict[str, Any]) -> Report:
    """Every check on `data` (the exchange format, already free of `exchange.problems`)."""
    from finance.note_checks import note_checks

    f = Figures(data)
    results = (
        _balance_checks(f)
        + _subtotal_checks(f)
        + _equity_check(f, data)
        + _cash_checks(f)
        + note_checks(f, data)
        + _appropriation_check(f, data)
    )
    return Report(year=f.year, results=results)
