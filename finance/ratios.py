"""Ratios of the annual accounts against the association's norms, per year.

Definitions (stated on every page that shows them):
- solvency = equity / total assets, in per cent (norm: at least `solvency_norm_percent`);
- general reserve = the balance line `general-reserve`, against the auditor's advised minimum;
- continuity = equity / (the organisation's costs / 12), in months: how many months of the
  costs of the organisation ("Som der kosten": personnel, depreciation, other operating
  costs) equity covers. The cost of sales is left out: it is bought for the members and
  invoiced on to them. Norm: between `continuity_months_min` and `continuity_months_max`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from finance.checks import Figures
from finance.constants import Code

ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class Ratio:
    key: str
    label: str
    value: Decimal | int | None
    unit: str
    norm: str
    meets: bool | None
    figures: tuple[tuple[str, int | None], ...]


@dataclass(frozen=True)
class YearRatios:
    year: int
    ratios: tuple[Ratio, ...]

    def get(self, key: str) -> Ratio:
        return next(r for r in self.ratios if r.key == key)


def _quotient(numerator: int | None, denominator: int | None, scale: int) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return (Decimal(numerator * scale) / Decimal(denominator)).quantize(
        ONE_DECIMAL, rounding=ROUND_HALF_UP
    )


def year_ratios(f: Figures, period: str, norms: dict[str, Any]) -> YearRatios:
    equity = f.stated(Code.EQUITY, period)
    assets = f.stated(Code.ASSETS, period)
    reserve = f.stated(Code.GENERAL_RESERVE, period)
    costs = f.stated(Code.COSTS, period)
    solvency = _quotient(equity, assets, 100)
    months = _quotient(equity, costs, 12)
    low, high = norms["continuity_months_min"], norms["continuity_months_max"]
    minimum = norms["general_reserve_minimum"]
    return YearRatios(
        year=f.year_of(period),
        ratios=(
            Ratio(
                "solvency",
                _("Solvency (equity / total assets)"),
                solvency,
                "%",
                _("at least %(n)s%%") % {"n": norms["solvency_norm_percent"]},
                None if solvency is None else solvency >= norms["solvency_norm_percent"],
                ((_("Equity"), equity), (_("Total assets"), assets)),
            ),
            Ratio(
                "general-reserve",
                _("General reserve"),
                reserve,
                "€",
                _("at least € %(n)s").replace("€ ", "€\u00a0")
                % {"n": f"{minimum:,}".replace(",", ".")},
                None if reserve is None else reserve >= minimum,
                ((_("General reserve"), reserve),),
            ),
            Ratio(
                "continuity",
                _("Continuity (months of the organisation's costs covered by equity)"),
                months,
                _("months"),
                _("%(low)s to %(high)s months") % {"low": low, "high": high},
                None if months is None else low <= months <= high,
                ((_("Equity"), equity), (_("Costs of the organisation per year"), costs)),
            ),
        ),
    )


def ratios_by_year(data_list: list[dict[str, Any]], norms: dict[str, Any]) -> list[YearRatios]:
    """One column per year, oldest first: each accounts' own year, and its prior year when no
    accounts of that year are given."""
    by_year: dict[int, YearRatios] = {}
    for data in sorted(data_list, key=lambda d: d["year"]):
        f = Figures(data)
        by_year.setdefault(f.year - 1, year_ratios(f, "prior", norms))
        by_year[f.year] = year_ratios(f, "current", norms)
    return [by_year[year] for year in sorted(by_year)]
