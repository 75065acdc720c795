from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from documents.access import register_reader
        from meetings.selectors import can_see_confidential, can_see_meeting

        register_reader("meetings.meeting", can_see_meeting)
        register_reader(
            "meetings.minutes", lambda user, minutes: can_see_confidential(user, minutes.meeting)
        )
