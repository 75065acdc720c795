"""The checks of the notes: each sub-table adds up, agrees with its statement line (or with a
row of another table), and shows what is presented net of a provision."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from finance.constants import CheckStatus

if TYPE_CHECKING:
    from finance.checks import CheckResult, Figures


def _result(**kwargs) -> CheckResult:
    from finance.checks import CheckResult, _compare

    return _compare(CheckResult(**kwargs))


def _amount(value: Any) -> int | None:
    return value if isinstance(value, int) else None


def _section_totals(f: Figures, table: dict) -> list[CheckResult]:
    """A total row is the sum of the rows since the previous total (deductions subtracted)."""
    results, section = [], []
    for number, row in enumerate(table["rows"]):
        if row.get("text"):
            continue
        if not row.get("total"):
            section.append(row)
            continue
        for col, column in enumerate(table["columns"]):
            figures = [(r["label"], _amount(r["values"][col])) for r in section]
            parts = [
                (-1 if r.get("subtract") else 1) * (_amount(r["values"][col]) or 0) for r in section
            ]
            results.append(
                _result(
                    key=f"note-total:{table['code']}:{number}:{col}",
                    section=_("Notes"),
                    title=f"{_note_title(table)}: {row['label']} ({column['label']})",
                    year=f.year_of(column.get("period") or "current"),
                    figures=figures,
                    stated=_amount(row["values"][col]),
                    computed=sum(parts) if section else None,
                )
            )
        section = []
    return results


def _row_totals(f: Figures, table: dict) -> list[CheckResult]:
    """In a table whose last column is the total, each row's columns add up to it."""
    results = []
    if not table.get("total_column"):
        return results
    columns = table["columns"]
    for number, row in enumerate(table["rows"]):
        values = [_amount(value) for value in row["values"]]
        if row.get("text") or values[-1] is None:
            continue
        results.append(
            _result(
                key=f"note-row:{table['code']}:{number}",
                section=_("Notes"),
                title=f"{_note_title(table)}: {row['label']} ({columns[-1]['label']})",
                year=f.year,
                figures=[(c["label"], v) for c, v in zip(columns[:-1], values[:-1], strict=True)],
                stated=values[-1],
                computed=sum(v or 0 for v in values[:-1]),
            )
        )
    return results


def _note_title(table: dict) -> str:
    return f"{table['note']}] {table['title']}" if table.get("note") else table["title"]


def _table_figure_row(table: dict) -> dict | None:
    """The row whose amounts the table stands for: its last total, else its last amount row."""
    rows = [row for row in table["rows"] if not row.get("text")]
    totals = [row for row in rows if row.get("total")]
    return (totals or rows or [None])[-1]


def _line_agreement(f: Figures, table: dict, tables: dict[str, dict]) -> list[CheckResult]:
    row = _table_figure_row(table)
    results = []
    if row is None:
        return results
    sign = -1 if table.get("negate") else 1
    for col, column in enumerate(table["columns"]):
        period, code = column.get("period"), column.get("line") or table.get("line")
        note_value = _amount(row["values"][col])
        if period and code:
            line = f.lines[code]
            title = _("%(line)s agrees with its note") % {"line": line["label"]}
            target = f.stated(code, period)
        elif period and table.get("row_of"):
            other = tables[table["row_of"]["table"]]
            line_row = next(r for r in other["rows"] if r["label"] == table["row_of"]["label"])
            title = _("%(row)s agrees with its specification") % {"row": line_row["label"]}
            target = _amount(line_row["values"][col])
        else:
            continue
        results.append(
            _result(
                key=f"note-line:{table['code']}:{col}",
                section=_("Statement lines and their notes"),
                title=title,
                year=f.year_of(period),
                figures=[(_("Statement"), target), (_note_title(table), note_value)],
                stated=target,
                computed=None if note_value is None else sign * note_value,
            )
        )
    return results


def _provisions(f: Figures, table: dict) -> list[CheckResult]:
    results = []
    for row in table["rows"]:
        if not row.get("provision"):
            continue
        for col, column in enumerate(table["columns"]):
            amount = _amount(row["values"][col])
            if not amount:
                continue
            net = _amount((_table_figure_row(table) or row)["values"][col])
            result = _result(
                key=f"provision:{table['code']}:{col}",
                section=_("Statement lines and their notes"),
                title=_("%(table)s is shown net of a provision") % {"table": table["title"]},
                year=f.year_of(column.get("period") or "current"),
                figures=[
                    (_("Gross amount"), None if net is None else net - amount),
                    (row["label"], amount),
                    (_("Net amount in the statement"), net),
                ],
            )
            result.status = CheckStatus.NOTE
            result.remark = _("The gross receivable is not in the balance sheet.")
            results.append(result)
    return results


def _missing_notes(f: Figures, data: dict[str, Any]) -> list[CheckResult]:
    notes = {table.get("note") for table in data.get("notes", [])}
    results = []
    for code, line in f.lines.items():
        if line.get("note") and line["note"] not in notes:
            result = _result(
                key=f"note-missing:{code}",
                section=_("Statement lines and their notes"),
                title=_("%(line)s refers to note %(note)s, which is not in the data")
                % {"line": line["label"], "note": line["note"]},
                year=f.year,
            )
            result.status = CheckStatus.FINDING
            results.append(result)
    return results


def note_checks(f: Figures, data: dict[str, Any]) -> list[CheckResult]:
    tables = {table["code"]: table for table in data.get("notes", [])}
    results = []
    for table in tables.values():
        results += _section_totals(f, table) + _row_totals(f, table)
    for table in tables.values():
        results += _line_agreement(f, table, tables) + _provisions(f, table)
    return results + _missing_notes(f, data)
