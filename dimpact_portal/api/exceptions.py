"""Errors as `application/problem+json` (RFC 9457), whoever raised them: DRF, django-filter or
a service's coded refusal (`RuleDenied`, `ValidationError(code=...)`)."""

from __future__ import annotations

from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from dimpact_portal.rules import RuleDenied

PROBLEM_CONTENT_TYPE = "application/problem+json"


def problem(
    status_code: int,
    detail: str,
    *,
    code: str = "",
    invalid_params: list[dict] | None = None,
    instance: str = "",
) -> dict:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
        "code": code or _default_code(status_code),
    }
    if instance:
        body["instance"] = instance
    if invalid_params is not None:
        body["invalid_params"] = invalid_params
    return body


def _default_code(status_code: int) -> str:
    return HTTPStatus(status_code).phrase.lower().replace(" ", "-").replace("'", "")


def _flatten(detail, prefix: str = "") -> list[dict]:
    """DRF's nested error detail as a flat list of {name, code, reason}."""
    if isinstance(detail, dict):
        rows = []
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if key == "non_field_errors":
                name = prefix or "body"
            rows.extend(_flatten(value, name))
        return rows
    if isinstance(detail, list):
        rows = []
        for index, value in enumerate(detail):
            nested = isinstance(value, dict | list)
            rows.extend(_flatten(value, f"{prefix}[{index}]" if nested else prefix))
        return rows
    return [
        {
            "name": prefix or "body",
            "code": getattr(detail, "code", "invalid"),
            "reason": str(detail),
        }
    ]


def _django_invalid_params(error: DjangoValidationError) -> list[dict]:
    if hasattr(error, "error_dict"):
        return [
            {"name": field, "code": item.code or "invalid", "reason": " ".join(item.messages)}
            for field, items in error.error_dict.items()
            for item in items
        ]
    return [
        {"name": "body", "code": item.code or "invalid", "reason": " ".join(item.messages)}
        for item in error.error_list
    ]


def problem_response(body: dict, headers: dict | None = None) -> Response:
    return Response(body, status=body["status"], content_type=PROBLEM_CONTENT_TYPE, headers=headers)


def problem_exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: every refusal answered as problem+json, with its code."""
    request = context.get("request")
    instance = request.path if request is not None else ""
    if isinstance(exc, DjangoValidationError):
        # A service's rule refused a well-formed request: 422 with the rule's code.
        params = _django_invalid_params(exc)
        set_rollback()
        detail = " ".join(p["reason"] for p in params)
        return problem_response(
            problem(422, detail, code=params[0]["code"], invalid_params=params, instance=instance)
        )
    if isinstance(exc, RuleDenied):
        set_rollback()
        return problem_response(problem(403, str(exc), code=exc.code, instance=instance))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if not isinstance(exc, exceptions.APIException):
        return None
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    set_rollback()
    if isinstance(exc, exceptions.ValidationError):
        params = _flatten(exc.detail)
        body = problem(
            status.HTTP_400_BAD_REQUEST,
            "The request has invalid parameters.",
            code=params[0]["code"] if len(params) == 1 else "invalid-params",
            invalid_params=params,
            instance=instance,
        )
    else:
        detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        body = problem(exc.status_code, str(detail), code=_code_of(exc), instance=instance)
    return problem_response(body, headers)


def _code_of(exc: exceptions.APIException) -> str:
    code = exc.get_codes()
    return code.replace("_", "-") if isinstance(code, str) else _default_code(exc.status_code)


def not_found(request, *args, **kwargs) -> JsonResponse:
    """Unknown paths under /api/v1/: 404 as problem+json, not the HTML page."""
    body = problem(404, "No resource at this path.", instance=request.path)
    return JsonResponse(body, status=404, content_type=PROBLEM_CONTENT_TYPE)
