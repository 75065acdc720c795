"""The admin of meetings: the records to look up; minutes only to read (see `ReadOnlyAdmin`)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dimpact_portal.admin import ReadOnlyAdminMixin
from meetings.models import (
    ActionItem,
    AgendaItem,
    Annex,
    Attendance,
    Decision,
    Meeting,
    Minutes,
    MinutesCorrection,
    MinutesEntry,
)


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fk_name = "meeting"
    extra = 0
    fields = ["position", "title", "purpose", "confidential"]


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["title", "date", "kind", "status", "published_at"]
    list_filter = ["kind", "status", "format"]
    search_fields = ["title", "location"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline]


@admin.register(Annex)
class AnnexAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "agenda_item", "confidential", "due_date", "arrived_at"]
    list_filter = ["confidential"]
    search_fields = ["title", "code"]


@admin.register(ActionItem)
class ActionItemAdmin(SimpleHistoryAdmin):
    list_display = ["body", "number", "text", "owner", "due_date", "status"]
    list_filter = ["body", "status"]
    search_fields = ["text", "owner"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "number", "date", "text", "confidential"]
    list_filter = ["confidential"]
    search_fields = ["text"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "member", "person", "present", "remark"]
    list_filter = ["role", "present"]


class ReadOnlyAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    """To look at only: minutes are written, adopted and corrected through the services, which
    keep adopted minutes frozen and every correction tied to its decision."""


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "status", "adopted_in", "adopted_on", "approval_result"]
    list_filter = ["status"]


@admin.register(MinutesEntry)
class MinutesEntryAdmin(ReadOnlyAdmin):
    list_display = ["agenda_item", "minutes"]
    search_fields = ["text"]


@admin.register(MinutesCorrection)
class MinutesCorrectionAdmin(ReadOnlyAdmin):
    list_display = ["entry", "decision", "made_by", "made_at"]
