"""Admin for proxies: read only. A proxy and its instructions are filed, changed and revoked
through the services (proxies.services), which enforce the rules; the admin shows them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from dimpact_portal.admin import ReadOnlyAdminMixin
from proxies.models import Proxy, VotingInstruction


class VotingInstructionInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = VotingInstruction
    extra = 0


@admin.register(Proxy)
class ProxyAdmin(ReadOnlyAdminMixin, SimpleHistoryAdmin):
    list_display = ["member", "meeting", "holder_name", "status", "filed_at"]
    list_filter = ["status", "meeting"]
    search_fields = ["member__name", "holder_name", "holder_email", "decision_reference"]
    inlines = [VotingInstructionInline]
    raw_id_fields = ["holder_user", "filed_by", "revoked_by"]
