from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Supervisory board")

    def ready(self) -> None:
        from documents.access import register_reader
        from governance import selectors
        from governance.services import term_ratify_from_outcome, term_reappoint_from_outcome
        from voting.services import outcome_handler_register

        register_reader("governance.rostersnapshot", selectors.can_read_roster_document)
        outcome_handler_register(term_reappoint_from_outcome)
        outcome_handler_register(term_ratify_from_outcome)
