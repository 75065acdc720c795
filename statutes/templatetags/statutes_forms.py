"""The statute-settings page's forms as crispy renders them, rendered once per process for
the values they show: the page has some sixty fields, and crispy's templates cost about a
millisecond each, for the same HTML at every visit until a setting changes."""

from __future__ import annotations

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from django import template
from django.utils.translation import get_language

register = template.Library()

_RENDERED: dict[tuple, str] = {}
_MAX_RENDERED = 512  # forms, values and languages; emptied when full


def _key(form, names) -> tuple | None:
    """What the HTML of an unbound form's fields `names` depends on besides their class:
    the values they show, the prefix and ids, the language. None for a bound form (its
    data and errors vary per request)."""
    if form.is_bound:
        return None
    values = tuple((name, repr(form[name].value())) for name in names)
    return (type(form), form.prefix, form.auto_id, form.label_suffix, get_language(), values)


def _cached(key, render):
    if key is None:
        return render()
    html = _RENDERED.get(key)
    if html is None:
        if len(_RENDERED) >= _MAX_RENDERED:
            _RENDERED.clear()
        html = _RENDERED[key] = render()
    return html


@register.filter
def crispy_once(form):
    """`form|crispy`, rendered once per process for the same unbound form and values."""
    key = _key(form, list(form.fields))
    return _cached(key and (*key, None), lambda: as_crispy_form(form))


@register.filter
def crispy_field_once(field):
    """`field|as_crispy_field`, rendered once per process for the same unbound field."""
    key = _key(field.form, [field.name])
    return _cached(key and (*key, field.name), lambda: as_crispy_field(field))
