from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from proxies.models import Proxy, VotingInstruction


class VotingInstructionInline(admin.TabularInline):
    model = VotingInstruction
    extra = 0


@admin.register(Proxy)
class ProxyAdmin(SimpleHistoryAdmin):
    list_display = ["member", "meeting", "holder_name", "status", "filed_at"]
    list_filter = ["status", "meeting"]
    search_fields = ["member__name", "holder_name", "holder_email", "decision_reference"]
    inlines = [VotingInstructionInline]
    raw_id_fields = ["holder_user", "filed_by", "revoked_by"]
