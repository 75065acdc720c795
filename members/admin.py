"""The member register in the admin. Leaving and the decisions on change proposals have rules
of their own (notice period, yearly limit, the register snapshot), so they go through
`members.services` and are read-only here."""

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
    # Leaving goes through `member_leave` (the page "Record leaving"), which checks the rules.
    readonly_fields = ("left_on", "notice_given_on")
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
    # Proposals are made and decided in the portal (`change_proposal_submit`, `_confirm`,
    # `_reject`), which validate the changes and keep the register's snapshot.
    readonly_fields = (
        "member",
        "changes",
        "previous",
        "status",
        "proposed_by",
        "proposed_at",
        "decided_by",
        "decided_at",
        "decision_note",
    )
    date_hierarchy = "proposed_at"

    def has_add_permission(self, request):
        return False


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")
