"""Admin for polls, ballots and decisions in writing: read only. Polls are opened and closed,
ballots cast and answers given through the services (voting.services), which enforce the
rules; a secret ballot has no choice to show, and the secret tallies are not in the admin."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dimpact_portal.admin import ReadOnlyAdminMixin
from voting.models import Ballot, Poll, WrittenAnswer, WrittenResolution


@admin.register(Poll)
class PollAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["question", "meeting", "status", "secret", "outcome"]
    list_filter = ["status", "secret", "kind"]


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["poll", "member", "via", "cast_at"]
    list_filter = ["poll__meeting"]


class WrittenAnswerInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = WrittenAnswer
    extra = 0


@admin.register(WrittenResolution)
class WrittenResolutionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["title", "status", "deadline", "adopted"]
    inlines = [WrittenAnswerInline]
