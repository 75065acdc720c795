"""Admin for proxies: read only. A proxy and its instructions are filed, changed and revoked
through the services (proxies.services), which enforce the rules; the admin shows them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from proxies.models import Proxy, VotingInstruction


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


class VotingInstructionInline(ReadOnly, admin.TabularInline):
    model = VotingInstruction
    extra = 0


@admin.register(Proxy)
class ProxyAdmin(ReadOnly, SimpleHistoryAdmin):
    list_display = ["member", "meeting", "holder_name", "status", "filed_at"]
    list_filter = ["status", "meeting"]
    search_fields = ["member__name", "holder_name", "holder_email", "decision_reference"]
    inlines = [VotingInstructionInline]
    raw_id_fields = ["holder_user", "filed_by", "revoked_by"]
