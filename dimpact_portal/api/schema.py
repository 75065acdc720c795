"""The OpenAPI document's shared parts, added to every operation by a postprocessing hook:
the problem+json error responses each operation can give, the `API-Version` header, and bounds
on integer path parameters."""

from __future__ import annotations

from dimpact_portal.api.filters import MAX_ID

PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status", "detail", "code"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "code": {"type": "string", "description": "The refused rule's code (docs/rules.md)."},
        "instance": {"type": "string"},
        "invalid_params": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/InvalidParam"},
        },
    },
}
INVALID_PARAM = {
    "type": "object",
    "required": ["name", "code", "reason"],
    "properties": {
        "name": {"type": "string"},
        "code": {"type": "string"},
        "reason": {"type": "string"},
    },
}
API_VERSION = {
    "description": "The version of the API that answered (semantic versioning).",
    "required": True,
    "schema": {"type": "string", "example": "1.0.0"},
}
ERRORS = {
    "400": "Invalid parameters (see `invalid_params`).",
    "401": "Not logged in: no session and no valid token.",
    "403": "Refused: the user may not do this (the rule's `code` says why).",
    "404": "No such resource.",
    "406": "Only application/json is offered.",
}
WRITE_ERRORS = {
    "415": "The body must be application/json.",
    "422": "A rule refused the request (the rule's `code` says which).",
}
PUBLIC_PATHS = ("/api/v1/openapi.json",)


def _problem_response(description: str) -> dict:
    return {
        "description": description,
        "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


def _bound_path_ids(operation: dict) -> None:
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "path" and parameter["schema"].get("type") == "integer":
            parameter["schema"].update(minimum=1, maximum=MAX_ID)


def add_problems_and_headers(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOK."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {}).update(Problem=PROBLEM, InvalidParam=INVALID_PARAM)
    components.setdefault("headers", {})["API-Version"] = API_VERSION
    tags = set()
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            tags.update(operation.get("tags", []))
            _bound_path_ids(operation)
            responses = operation.setdefault("responses", {})
            for response in responses.values():
                response.setdefault("headers", {})["API-Version"] = {
                    "$ref": "#/components/headers/API-Version"
                }
            errors = dict(ERRORS)
            if method in ("post", "put", "patch"):
                errors.update(WRITE_ERRORS)
            for status, description in errors.items():
                responses.setdefault(status, _problem_response(description))
    result["tags"] = [
        {"name": tag, "description": f"The {tag} of the association."} for tag in sorted(tags)
    ]
    return result
