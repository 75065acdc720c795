"""The municipal app: registers who may read its documents and the meeting pack's composer."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalConfig(AppConfig):
    name = "municipal"
    verbose_name = _("Municipality's side of the assembly")

    def ready(self) -> None:
        from documents.access import register_reader
        from documents.services import register_composer
        from municipal import pack
        from municipal.selectors import dossier_may_read, pack_may_read

        register_reader("municipal.meetingpack", pack_may_read)
        register_reader("municipal.dossier", dossier_may_read)
        register_composer("meeting-pack", pack.pack_compose)
