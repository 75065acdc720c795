"""Admin for polls, ballots and decisions in writing: read only. Polls are opened and closed,
ballots cast and answers given through the services (voting.services), which enforce the
rules; a secret ballot has no choice to show, and the secret tallies are not in the admin."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from voting.models import Ballot, Poll, WrittenAnswer, WrittenResolution


class ReadOnly:
    """No add, change or delete: the rules live in the services, not in the admin."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def revert_disabled(self, request, obj=None):
        # Reverting to an earlier state from the history would bypass the services as well.
        return True


@admin.register(Poll)
class PollAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["question", "meeting", "status", "secret", "outcome"]
    list_filter = ["status", "secret", "kind"]


@admin.register(Ballot)
class BallotAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["poll", "member", "via", "cast_at"]
    list_filter = ["poll__meeting"]


class WrittenAnswerInline(ReadOnly, admin.TabularInline):
    model = WrittenAnswer
    extra = 0


@admin.register(WrittenResolution)
class WrittenResolutionAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["title", "status", "deadline", "adopted"]
    inlines = [WrittenAnswerInline]
