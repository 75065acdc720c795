"""The proxy form's plain fields as crispy renders them, rendered once per process for the
values they show. Crispy's templates cost about half a millisecond a field, a dozen fields a
page, and most of them show the same for every new proxy (the holder's fields empty, the
date today) or every visit of the same proxy. The holder list (its options depend on the
meeting and the member) and a bound form (its data and errors vary) are rendered every time.
"""

from __future__ import annotations

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import template
from django.utils.translation import get_language

register = template.Library()

_RENDERED: dict[tuple, str] = {}
_MAX_RENDERED = 1024  # fields, values and languages; emptied when full


def _key(field) -> tuple | None:
    """What the field's HTML depends on besides its form's class: its value, its label, help
    text and whether it is required (the reason's differ between a change and a late filing),
    the prefix and ids, the language. None for a bound form."""
    form = field.form
    if form.is_bound:
        return None
    definition = field.field
    return (
        type(form),
        form.prefix,
        form.auto_id,
        form.label_suffix,
        get_language(),
        field.name,
        type(definition),
        str(definition.label),
        str(definition.help_text),
        definition.required,
        repr(field.value()),
    )


@register.filter
def crispy_field_once(field):
    """`field|as_crispy_field`, rendered once per process for the same unbound field."""
    key = _key(field)
    if key is None:
        return as_crispy_field(field)
    html = _RENDERED.get(key)
    if html is None:
        if len(_RENDERED) >= _MAX_RENDERED:
            _RENDERED.clear()
        html = _RENDERED[key] = as_crispy_field(field)
    return html
