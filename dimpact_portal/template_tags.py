"""Template tags every page may use (registered as the `portal` library in settings.TEMPLATES,
since the project package is not an app)."""

from django import template
from django.forms import BaseForm, BaseFormSet

register = template.Library()


def _has_errors(value) -> bool:
    if isinstance(value, BaseForm):
        return value.is_bound and bool(value.errors)
    if isinstance(value, BaseFormSet):
        return value.is_bound and value.total_error_count() > 0
    return False


@register.simple_tag(takes_context=True)
def form_errors_in_page(context) -> bool:
    """Whether a form on this page came back with errors: the page's title says so then
    (WCAG 3.3.1), whatever name the view gave the form (`form`, `forms.withdraw`, ...)."""
    for value in context.flatten().values():
        candidates = value.values() if isinstance(value, dict) else (value,)
        if any(_has_errors(candidate) for candidate in candidates):
            return True
    return False
