"""Proxies (volmachten): a member's secretary authorises a holder for one assembly, with the
municipal executive's voting instructions. Its own app: it joins the member register and the
meetings, and the voting app builds on it; neither of those should own it."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProxiesConfig(AppConfig):
    name = "proxies"
    verbose_name = _("Proxies")

    def ready(self) -> None:
        from documents.access import register_reader
        from proxies.selectors import can_see_proxy

        register_reader("proxies.proxy", can_see_proxy)
