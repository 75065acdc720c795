from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from statutes.models import Association, DecisionRule


class DecisionRuleInline(admin.TabularInline):
    model = DecisionRule
    extra = 0


@admin.register(Association)
class AssociationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "max_proxies_per_holder", "member_vote_weight")
    search_fields = ("name",)
    inlines = [DecisionRuleInline]
