from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = _("Finance")

    def ready(self) -> None:
        from documents.access import register_reader
        from finance import selectors
        from finance.services import accounts_adopt_from_outcome
        from voting.services import outcome_handler_register

        register_reader("finance.annualaccounts", selectors.can_see_accounts)
        # Closing a poll (or a written resolution) decides the finance proposal it concerns.
        outcome_handler_register(accounts_adopt_from_outcome)
