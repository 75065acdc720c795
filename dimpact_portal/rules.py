"""Coded refusals: every rule a service enforces has a stable name (see docs/rules.md).

A refusal is raised in one of two ways, both carrying a kebab-case ``code`` that tests assert on
(never the wording, which is translated and may change):

- input a user can correct (a form field, a date, a count):
  ``ValidationError(message, code="...")``, e.g.
  ``ValidationError(_("..."), code="member-leaving-notice")``; forms show it as usual
  (``dimpact_portal.forms``); tests read ``excinfo.value.code`` (or ``error_list[0].code`` /
  ``error_dict[field][0].code`` for field errors);
- an action the user may not take at all: ``RuleDenied(message, code="...")``, a
  ``PermissionDenied`` subclass, so Django still answers 403 and existing ``except
  PermissionDenied`` blocks keep working.

Guards are functions named after the rule they enforce (``_check_leaving_notice``), raising one
of these with the rule's code.
"""

from django.core.exceptions import PermissionDenied


class RuleDenied(PermissionDenied):
    """A PermissionDenied that names the rule refusing the action (Django answers 403)."""

    def __init__(self, message="", *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return str(self.message)
