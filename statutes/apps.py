from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatutesConfig(AppConfig):
    name = "statutes"
    verbose_name = _("Statute settings")
