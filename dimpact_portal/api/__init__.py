"""The portal's JSON API (/api/v1/), after the Dutch REST API Design Rules.

Choices made where the rules leave one, applied to every resource:
- paths: plural nouns in kebab-case, no trailing slash (a slashed GET is redirected once);
- bodies: JSON only, field names in English snake_case (as Django and DRF name them);
- errors: RFC 9457 `application/problem+json` with `status`, `title`, `detail`, the rule's
  `code` and `invalid_params` (`name`, `code`, `reason`); 400 for malformed input, 422 for a
  well-formed request a service's rule refuses, 403 for a `RuleDenied`;
- pagination: `limit` (1-100) and `offset` with `next`/`previous`/`first` links;
- filters: `?meeting=`, `?member=`, `?status=`, `?date_from=`/`?date_to=` (ISO dates);
- every response carries `API-Version` (the OpenAPI document's `info.version`).

Each app keeps its own `api.py` (serializers and viewsets over its selectors and services);
this package holds the shared parts and the router.
"""
