from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The API's one table of its own: the name and last use of a personal token."""

    name = "dimpact_portal.api"
    label = "api"
    verbose_name = _("API")
