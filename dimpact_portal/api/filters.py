"""Filters shared by the resources: bounded ids and ISO date ranges (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

MAX_ID = 999_999_999_999_999_999  # 18 digits: below PostgreSQL's bigint, so never an overflow


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.Filter):
    """A primary key filter: an integer from 1 to MAX_ID, else a 400 (not a 500)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


def date_range(field_name: str) -> tuple[django_filters.DateFilter, django_filters.DateFilter]:
    return (
        django_filters.DateFilter(
            field_name=field_name, lookup_expr="gte", label="On or after (ISO date)"
        ),
        django_filters.DateFilter(
            field_name=field_name, lookup_expr="lte", label="On or before (ISO date)"
        ),
    )
