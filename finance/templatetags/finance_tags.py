"""Amounts as the accounts print them: 3.207.731, and a minus sign for a negative amount."""

from decimal import Decimal

from django import template
from django.template.backends.utils import csrf_input
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from finance.constants import CheckStatus

register = template.Library()
MINUS = "\u2212"  # the typographic minus sign


def euro_text(value) -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, int):
        return str(value)
    text = f"{abs(value):,}".replace(",", ".")
    return f"{MINUS}{text}" if value < 0 else text


@register.filter
def euro(value) -> str:
    return euro_text(value)


@register.filter
def cents(value) -> str:
    """Cents as euros with a decimal comma: 185 → 1,85."""
    if value is None:
        return ""
    sign = MINUS if value < 0 else ""
    value = abs(int(value))
    return f"{sign}{value // 100:,}".replace(",", ".") + f",{value % 100:02d}"


@register.filter
def ratio(value, unit: str) -> str:
    if value is None:
        return "—"
    value = Decimal(str(value))  # stored document input holds it as text
    if unit == "€":
        return "€ " + euro_text(int(value))
    text = f"{value:.1f}".replace(".", ",")
    return f"{text}%" if unit == "%" else f"{text} {unit}"


@register.filter
def at(sequence, index):
    try:
        return sequence[index]
    except (IndexError, KeyError, TypeError):
        return None


@register.simple_tag(takes_context=True)
def report_rows(context, report, can_explain: bool) -> str:
    """The rows of the validation report (a section heading where the section changes, a row
    per check, and for the controller of draft accounts a form to explain a finding or a note).
    Built in code, not a template: a report has some two hundred checks, and a template of
    that many rows cost the controller's page 35 ms. The page caches them for every other
    reader (`Report.digest`)."""
    labels = {
        CheckStatus.OK: _("agrees"),
        CheckStatus.FINDING: _("difference"),
        CheckStatus.NOTE: _("for attention"),
    }
    skipped = _("not checkable")
    css = {CheckStatus.FINDING: "table-danger", CheckStatus.NOTE: "table-warning"}
    token = csrf_input(context["request"]) if can_explain else None
    rows = []
    section = object()
    for counter, r in enumerate(report.results, start=1):
        if r.section != section:
            section = r.section
            rows.append(
                format_html(
                    '<tr class="table-light"><th colspan="7" scope="rowgroup">{}</th></tr>',
                    r.section,
                )
            )
        figures = mark_safe("<br>").join(  # nosec B308 B703 (a constant)
            format_html("{}: {}", label, euro_text(amount) or "—") for label, amount in r.figures
        )
        result = _result_cell(r, counter, token, labels, skipped)
        remark = (
            format_html('<br><small class="text-body-secondary">{}</small>', r.remark)
            if r.remark
            else ""
        )
        row = format_html(
            '<tr class="{}"><td>{}{}</td><td>{}</td><td class="small">{}</td>'
            '<td class="text-end">{}</td><td class="text-end">{}</td>'
            '<td class="text-end">{}</td><td>{}</td></tr>',
            css.get(r.status, ""), r.title, remark, r.year, figures,
            euro_text(r.stated), euro_text(r.computed), euro_text(r.difference), result,
        )  # fmt: skip
        rows.append(row)
    return mark_safe("\n".join(rows))  # noqa: S308  # nosec B308 B703 (each row escaped above)


def _result_cell(r, counter: int, token, labels: dict, skipped: str) -> str:
    """A check's result, its explanation, and with a CSRF `token` (the controller of draft
    accounts) the form to explain a finding or a note."""
    result = labels.get(r.status, skipped)
    if r.explanation:
        result = format_html(
            "{}<br><small><strong>{}</strong> {}</small>", result, _("Explanation:"), r.explanation
        )
    if token is not None and r.status in (CheckStatus.FINDING, CheckStatus.NOTE):
        result = format_html(
            '{}<form method="post" class="mt-1">{}'
            '<input type="hidden" name="check_key" value="{}">'
            '<label class="visually-hidden" for="x-{}">{}</label>'
            '<textarea class="form-control form-control-sm" rows="1" name="text"'
            ' id="x-{}">{}</textarea>'
            '<button class="btn btn-sm btn-outline-primary mt-1" type="submit">{}</button>'
            "</form>",
            result, token, r.key, counter, _("Explanation"), counter, r.explanation,
            _("Record the explanation"),
        )  # fmt: skip
    return result
