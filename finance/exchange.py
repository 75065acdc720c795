"""The one import/export format of the annual accounts (YAML, `dimpact-annual-accounts/1`):
reading and checking a file, and writing the stored accounts back in the same shape.

The JSON schema is `finance/schema/annual-accounts.schema.json`; the README section describes
it. Keys at their default (empty text, false, no children) are left out on export, so that
importing a file and exporting it again gives the same data.
"""

from __future__ import annotations

import datetime
import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from django.utils.translation import gettext as _

from finance.constants import EXCHANGE_FORMAT, Statement

if TYPE_CHECKING:
    from finance.models import AnnualAccounts

SCHEMA_PATH = Path(__file__).parent / "schema" / "annual-accounts.schema.json"
TERM = re.compile(r"(?:(balance|pnl|cashflow):)?([a-z0-9][a-z0-9-]*)(@prior)?")


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text())


def parse_terms(text: str) -> list[tuple[int, str | None, str, bool]]:
    """`'a - pnl:b + balance:c@prior'` as (sign, statement, code, prior) terms."""
    terms, sign = [], 1
    for token in text.split():
        if token in "+-":
            sign = -1 if token == "-" else 1
            continue
        match = TERM.fullmatch(token)
        if match is None:
            raise ValueError(token)
        terms.append((sign, match.group(1), match.group(2), bool(match.group(3))))
        sign = 1
    return terms


def _plain(value: Any) -> Any:
    """YAML reads unquoted dates as dates; the format holds them as ISO text."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def yaml_read(text: str | bytes) -> dict[str, Any]:
    """The file's data, or ValueError with a message a controller can act on."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValueError(_("The file is not valid YAML: %(error)s") % {"error": error}) from error
    if not isinstance(data, dict):
        raise ValueError(_("The file does not hold annual accounts."))
    return _plain(data)


def _printable_only(data: dict[str, Any]) -> bool:
    """No text with a line break, a tab or another character YAML may write double-quoted:
    libyaml's emitter folds double-quoted text differently from PyYAML's, the rest alike.
    (JSON escapes control characters and backslashes; `isprintable` finds the other breaks.)"""
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):
        return False
    return "\\" not in text and text.isprintable()


def yaml_write(data: dict[str, Any]) -> str:
    """The data as the format's YAML. The same text either way: with libyaml's emitter (six
    times faster) when every text is printable on one line, PyYAML's otherwise."""
    options = {"allow_unicode": True, "sort_keys": False, "width": 100}
    if getattr(yaml, "__with_libyaml__", False) and _printable_only(data):
        return yaml.dump(data, Dumper=yaml.CSafeDumper, **options)
    return yaml.safe_dump(data, **options)


def _walk(lines: list[dict], statement: str):
    for line in lines:
        yield statement, line
        yield from _walk(line.get("children", []), statement)


def all_lines(data: dict[str, Any]) -> list[tuple[str, dict]]:
    statements = data.get("statements", {})
    return [pair for key in Statement.values for pair in _walk(statements.get(key, []), key)]


def problems(data: dict[str, Any]) -> list[str]:
    """Everything wrong with `data`, each with where it is; empty when it can be stored."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    found = [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(top)'}: {error.message}"
        for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    ]
    if found:
        return found
    return _line_problems(data) + _table_problems(data)


def _line_problems(data: dict[str, Any]) -> list[str]:
    found, codes = [], {}
    for statement, line in all_lines(data):
        if line["code"] in codes:
            found.append(_("line %(code)s: the code is used twice") % {"code": line["code"]})
        codes[line["code"]] = statement
    for _statement, line in all_lines(data):
        where = _("line %(code)s") % {"code": line["code"]}
        if line.get("total") and not (line.get("formula") or line.get("children")):
            found.append(where + ": " + _("a total needs sub-lines or a formula"))
        for field in ("formula", "reconcile"):
            try:
                terms = parse_terms(line.get(field, ""))
            except ValueError as error:
                found.append(f"{where}: {field}: " + _("cannot read %(t)s") % {"t": error})
                continue
            for _sign, in_statement, code, _prior in terms:
                if codes.get(code) is None or (in_statement and codes[code] != in_statement):
                    found.append(f"{where}: {field}: " + _("no line %(code)s") % {"code": code})
    return found


def _table_problems(data: dict[str, Any]) -> list[str]:
    codes = {line["code"] for _statement, line in all_lines(data)}
    tables = {table["code"]: table for table in data.get("notes", [])}
    found = []
    if len(tables) != len(data.get("notes", [])):
        found.append(_("notes: a table code is used twice"))
    for table in data.get("notes", []):
        where = _("table %(code)s") % {"code": table["code"]}
        width = len(table["columns"])
        refs = [table.get("line")] + [column.get("line") for column in table["columns"]]
        for ref in filter(None, refs):
            if ref not in codes:
                found.append(where + ": " + _("no line %(code)s") % {"code": ref})
        row_of = table.get("row_of")
        if row_of and row_of["label"] not in {
            row["label"] for row in tables.get(row_of["table"], {}).get("rows", [])
        }:
            found.append(where + ": " + _("row_of: no such row"))
        for number, row in enumerate(table["rows"], start=1):
            if len(row["values"]) != width:
                found.append(
                    where
                    + ": "
                    + _("row %(n)s has %(got)s values for %(width)s columns")
                    % {"n": number, "got": len(row["values"]), "width": width}
                )
            wanted = str if row.get("text") else int
            if any(v is not None and type(v) is not wanted for v in row["values"]):
                message = (
                    _("row %(n)s: text expected")
                    if wanted is str
                    else _("row %(n)s: amounts must be whole euros")
                )
                found.append(where + ": " + message % {"n": number})
    return found


def _ordered(mapping: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: mapping[key] for key in keys if key in mapping}


def _present(value: Any) -> bool:
    """Whether an export key is written: left out at its default (0 is an amount, kept)."""
    return not (value is None or value is False or value == "" or value == {})


def _line_out(line: dict[str, Any], children_of) -> dict[str, Any]:
    out: dict[str, Any] = {"code": line["code"], "label": line["label"]}
    for key, value in (
        ("total_label", line["total_label"]),
        ("note", line["note"]),
        ("amount", line["amount"]),
        ("prior", line["prior_amount"]),
        ("total", line["is_total"]),
        ("formula", line["formula"]),
        ("reconcile", line["reconcile"]),
    ):
        if _present(value):
            out[key] = value
    children = children_of.get(line["pk"], [])
    if children:
        out["children"] = [_line_out(child, children_of) for child in children]
    return out


def _table_out(table: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"code": table["code"]}
    if table["note"]:
        out["note"] = table["note"]
    out["title"] = table["title"]
    # jsonb (PostgreSQL) does not keep the order of keys: write them in the format's order
    out["columns"] = [_ordered(column, ("label", "period", "line")) for column in table["columns"]]
    for key, value in (
        ("line", table["line"]),
        ("row_of", _ordered(table["row_of"], ("table", "label"))),
        ("negate", table["negate"]),
        ("total_column", table["total_column"]),
        ("remarks", table["remarks"]),
    ):
        if _present(value):
            out[key] = value
    out_rows = []
    for row in rows:
        item: dict[str, Any] = {"label": row["label"], "values": row["values"]}
        for key, value in (
            ("total", row["is_total"]),
            ("text", row["is_text"]),
            ("subtract", row["subtract"]),
            ("provision", row["provision"]),
        ):
            if value:
                item[key] = True
        out_rows.append(item)
    out["rows"] = out_rows
    return out


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _header_out(accounts: AnnualAccounts) -> dict[str, Any]:
    out: dict[str, Any] = {"format": EXCHANGE_FORMAT, "year": accounts.year}
    out["version"] = accounts.version
    for key, value in (("title", accounts.title), ("entity", accounts.entity)):
        if value:
            out[key] = value
    out["auditor"] = {
        "firm": accounts.auditor_firm,
        "signed_by": accounts.auditor_signatory,
        "date": _date(accounts.auditor_date),
        "opinion": accounts.opinion_kind,
    }
    out["appropriation"] = {
        "amount": accounts.appropriation_amount,
        "text": accounts.appropriation_text,
    }
    out["other_equity_movements"] = accounts.other_equity_movements
    out["drawn_up"] = {
        "place": accounts.drawn_up_place,
        "date": _date(accounts.drawn_up_on),
        "extension_months": accounts.extension_months,
    }
    return out


def accounts_data(accounts: AnnualAccounts) -> dict[str, Any]:
    """The stored accounts in the exchange format."""
    out = _header_out(accounts)
    out["signatures"] = [
        {
            key: value
            for key, value in (
                ("name", s.name),
                ("role", s.role),
                ("capacity", s.capacity),
                ("signed_on", _date(s.signed_on)),
                ("missing_reason", s.missing_reason),
            )
            if _present(value)
        }
        for s in accounts.signatures.all()
    ]
    out["statements"] = _statements_out(accounts)
    out["notes"] = _notes_out(accounts)
    return out


# The lines, tables and rows as plain values, in their models' order: model instances (a
# related manager per table for its rows) cost most of an export, a report or the ratios.
LINE_FIELDS = (
    "pk", "parent_id", "statement", "code", "label", "total_label", "note", "amount",
    "prior_amount", "is_total", "formula", "reconcile",
)  # fmt: skip
TABLE_FIELDS = (
    "pk", "code", "note", "title", "columns", "line", "row_of", "negate", "total_column",
    "remarks",
)  # fmt: skip
ROW_FIELDS = ("table_id", "label", "values", "is_total", "is_text", "subtract", "provision")


def _notes_out(accounts: AnnualAccounts) -> list[dict[str, Any]]:
    from finance.models import NoteRow

    rows_of: dict[int, list[dict[str, Any]]] = {}
    for row in NoteRow.objects.filter(table__accounts=accounts).values(*ROW_FIELDS):
        rows_of.setdefault(row["table_id"], []).append(row)
    return [
        _table_out(table, rows_of.get(table["pk"], []))
        for table in accounts.tables.values(*TABLE_FIELDS)
    ]


def _statements_out(accounts: AnnualAccounts) -> dict[str, list[dict[str, Any]]]:
    children_of: dict[int | None, list] = {}
    for line in accounts.lines.values(*LINE_FIELDS):
        children_of.setdefault(line["parent_id"], []).append(line)
    return {
        statement: [
            _line_out(line, children_of)
            for line in children_of.get(None, [])
            if line["statement"] == statement
        ]
        for statement in Statement.values
    }


def statements_data(accounts: AnnualAccounts) -> dict[str, Any]:
    """The year and the statements of `accounts_data` only (what the ratios read), from one
    query."""
    return {"year": accounts.year, "statements": _statements_out(accounts)}
