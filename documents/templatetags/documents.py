"""Filters for document templates, whose input arrives as JSON (dates as ISO strings)."""

import datetime

from django import template

register = template.Library()


@register.filter
def as_date(value):
    """An ISO date or date-time string as a date, for the `date` filter; other values as given."""
    if isinstance(value, str) and value:
        try:
            if "T" in value:
                return datetime.datetime.fromisoformat(value)
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value
