"""Voting: polls during an assembly (named or secret), ballots for members by their
representative or proxy holder, results into the decision list; and decisions in writing.
Its own app: it builds on meetings and proxies and neither should own the ballots."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotingConfig(AppConfig):
    name = "voting"
    verbose_name = _("Voting")

    def ready(self) -> None:
        from documents.access import register_reader
        from meetings.selectors import can_see_meeting

        register_reader("voting.poll", lambda user, poll: can_see_meeting(user, poll.meeting))
