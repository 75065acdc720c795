"""The accounts summary PDF: its input as plain data (statements' main lines, the validation
report, the ratios and their chart), asked for through the document service."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from documents.constants import DocumentKind
from documents.inputs import association_header
from finance import selectors

if TYPE_CHECKING:
    from accounts.models import User
    from finance.models import AnnualAccounts

ACCOUNTS_SUMMARY = DocumentKind.ACCOUNTS_SUMMARY


def _in_summary(row) -> bool:
    """The summary leaves out the lines of the second-level groups (a group of a group shows
    as its subtotal); headings, top-level groups and their lines stay."""
    line = row.line
    if row.subtotal:
        return True
    if row.has_children:
        return line.amount is None or row.depth == 0
    parent = line.parent
    return parent is None or parent.amount is None or parent.parent_id is None


def _statement_row(row) -> dict[str, Any]:
    """A group shows its amount on its closing (subtotal) row, its heading has none."""
    line = row.line
    group = row.has_children
    return {
        "label": line.total_label if row.subtotal and line.total_label else line.label,
        "depth": row.depth,
        "amount": None if group and not row.subtotal else line.amount,
        "prior": None if group and not row.subtotal else line.prior_amount,
        "heading": group and not row.subtotal,
        "total": row.subtotal or (line.is_total and not group),
        "note": line.note,
    }


def _checks(report) -> list[dict[str, Any]]:
    return [
        {
            "section": r.section,
            "title": r.title,
            "year": r.year,
            "stated": r.stated,
            "computed": r.computed,
            "difference": r.difference,
            "status": r.status,
            "explanation": r.explanation,
        }
        for r in report.results
    ]


def summary_context(accounts: AnnualAccounts) -> dict[str, Any]:
    report = selectors.accounts_report(accounts)
    years = selectors.accounts_ratios(accounts)
    return {
        "association": association_header(),
        "accounts": {
            "year": accounts.year,
            "version": accounts.version,
            "title": str(accounts),
            "status": accounts.get_status_display(),
            "auditor": {
                "firm": accounts.auditor_firm,
                "date": accounts.auditor_date,
                "opinion": accounts.get_opinion_kind_display(),
            },
            "appropriation": accounts.appropriation_amount,
            "appropriation_text": accounts.appropriation_text,
        },
        "statements": [
            {
                "label": label,
                "rows": [_statement_row(row) for row in rows if _in_summary(row)],
            }
            for _key, label, rows in selectors.statements(accounts)
        ],
        "checks": _checks(report),
        "findings": len(report.findings),
        "passed": report.passed,
        "total_checks": len(report.results),
        "ratios": [
            {
                "year": year.year,
                "ratios": [
                    {
                        "label": r.label,
                        "value": r.value,
                        "unit": r.unit,
                        "norm": r.norm,
                        "meets": r.meets,
                    }
                    for r in year.ratios
                ],
            }
            for year in years
        ],
        "chart": selectors.ratios_chart(years),
    }


def accounts_summary_request(*, accounts: AnnualAccounts, user: User):
    from documents.services import document_request

    return document_request(
        kind=ACCOUNTS_SUMMARY,
        source=accounts,
        context=summary_context(accounts),
        title=_("Annual accounts %(year)s: summary, checks and ratios") % {"year": accounts.year},
        requested_by=user,
    )
