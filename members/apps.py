from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Member register")

    def ready(self) -> None:
        from documents.access import register_reader
        from members.selectors import can_see_member_records

        register_reader("members.member", can_see_member_records)
