"""Pagination with links and a capped `limit`; out-of-range or non-integer values are a 400,
never a silent default or a database overflow."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000


def bounded_int(request, name: str, *, default: int, minimum: int, maximum: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or len(raw) > 9 or not minimum <= int(raw) <= maximum:
        raise serializers.ValidationError(
            {
                name: [
                    serializers.ErrorDetail(
                        _("A whole number from %(minimum)s to %(maximum)s.")
                        % {"minimum": minimum, "maximum": maximum},
                        code="out-of-range",
                    )
                ]
            }
        )
    return int(raw)


class Pagination(LimitOffsetPagination):
    default_limit = 20
    max_limit = MAX_LIMIT

    def get_limit(self, request):
        return bounded_int(
            request, "limit", default=self.default_limit, minimum=1, maximum=MAX_LIMIT
        )

    def get_offset(self, request):
        return bounded_int(request, "offset", default=0, minimum=0, maximum=MAX_OFFSET)

    def get_first_link(self):
        return remove_query_param(self.request.build_absolute_uri(), self.offset_query_param)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.count,
                "links": {
                    "first": self.get_first_link(),
                    "previous": self.get_previous_link(),
                    "next": self.get_next_link(),
                },
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["count", "links", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0},
                "links": {
                    "type": "object",
                    "required": ["first", "previous", "next"],
                    "properties": {
                        "first": {"type": "string", "format": "uri"},
                        "previous": link,
                        "next": link,
                    },
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "limit",
                "required": False,
                "in": "query",
                "description": f"Number of results per page (at most {MAX_LIMIT}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
            },
            {
                "name": "offset",
                "required": False,
                "in": "query",
                "description": "The index of the first result.",
                "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET},
            },
        ]
