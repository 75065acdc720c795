"""Amounts as the accounts print them: 3.207.731, and a minus sign for a negative amount."""

from decimal import Decimal

from django import template

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
