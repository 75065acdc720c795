from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from members.models import ChangeProposal, Mandate, Member, Service


class MandateInline(admin.TabularInline):
    model = Mandate
    extra = 0
    fields = (
        "kind",
        "salutation",
        "name",
        "function_title",
        "email",
        "user",
        "starts_on",
        "ends_on",
        "source",
    )
    autocomplete_fields = ("user",)


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ("name", "region", "size_class", "inhabitants", "joined_on", "left_on")
    list_filter = ("region", "size_class", "services", "left_on")
    search_fields = ("name", "mandates__name")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("services",)
    inlines = [MandateInline]


@admin.register(Mandate)
class MandateAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "member", "starts_on", "ends_on", "user")
    list_filter = ("kind", "member__region")
    search_fields = ("name", "email", "member__name")
    autocomplete_fields = ("member", "user")
    date_hierarchy = "starts_on"


@admin.register(ChangeProposal)
class ChangeProposalAdmin(SimpleHistoryAdmin):
    list_display = ("member", "status", "proposed_by", "proposed_at", "decided_by", "decided_at")
    list_filter = ("status", "member__region")
    search_fields = ("member__name", "proposed_by__username", "reason")
    readonly_fields = ("proposed_at",)
    date_hierarchy = "proposed_at"


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")
