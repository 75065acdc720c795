"""What the pages share in handling forms."""

from django import forms
from django.core.exceptions import ValidationError


def form_add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal on the form, each message once, above the fields."""
    for message in error.messages:
        form.add_error(None, message)
