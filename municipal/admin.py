"""Admin for the municipal app: read only. The executive's decision is recorded through
municipal.services, which enforces who may; the admin shows it with its history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dimpact_portal.admin import ReadOnlyAdminMixin
from municipal.models import Dossier, ExecutiveDecision, ExecutivePosition, MeetingPack


class PositionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ExecutivePosition
    extra = 0


@admin.register(ExecutiveDecision)
class ExecutiveDecisionAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["dossier", "body", "date", "note_number", "holder_name"]
    search_fields = ["dossier__member__name", "note_number", "holder_name"]
    inlines = [PositionInline]


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["member", "meeting", "created_at"]


@admin.register(MeetingPack)
class MeetingPackAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["meeting", "entitlement", "with_confidential", "created_at"]
