"""Admin for polls and decisions in writing. Ballots are read-only and cannot be deleted; a
secret ballot has no choice to show."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from voting.models import Ballot, Poll, WrittenAnswer, WrittenResolution


@admin.register(Poll)
class PollAdmin(SimpleHistoryAdmin):
    list_display = ["question", "meeting", "status", "secret", "outcome"]
    list_filter = ["status", "secret", "kind"]
    readonly_fields = ["counts", "entitled", "result_text", "outcome", "decision"]


@admin.register(Ballot)
class BallotAdmin(admin.ModelAdmin):
    list_display = ["poll", "member", "via", "cast_at"]
    list_filter = ["poll__meeting"]
    readonly_fields = [
        "poll",
        "member",
        "cast_by",
        "via",
        "weight",
        "secret",
        "choice",
        "candidate",
        "token",
        "cast_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class WrittenAnswerInline(admin.TabularInline):
    model = WrittenAnswer
    extra = 0
    readonly_fields = ["member", "answer", "answered_by", "answered_at"]
    can_delete = False


@admin.register(WrittenResolution)
class WrittenResolutionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "status", "deadline", "adopted"]
    inlines = [WrittenAnswerInline]
