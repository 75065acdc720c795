"""Rendered documents: the one PDF service every app uses (letters, agendas, lists, minutes).

A small shared app rather than part of `meetings` or `members`: proxies, meetings and the
supervisory board all render through it, and none of them should own the others' documents.
"""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from documents import access  # noqa: F401  (registers who may read which documents)
