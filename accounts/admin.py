from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.constants import SecurityEventKind
from accounts.models import SecurityEvent, User
from accounts.services import sessions_end_everywhere, two_factor_reset
from dimpact_portal.admin import ReadOnlyAdminMixin


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "organisation", "is_active")
    list_filter = ("groups", "is_active", "is_staff")
    search_fields = ("username", "email", "first_name", "last_name", "organisation")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Organisation"), {"fields": ("function_title", "organisation")}),
    )
    actions = ("remove_second_factor",)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Deactivating ends the account's sessions for good: a reactivation does not revive them.
        if change and "is_active" in form.changed_data and not obj.is_active:
            sessions_end_everywhere(
                user=obj, actor=request.user, kind=SecurityEventKind.DEACTIVATED
            )

    @admin.action(description=_("Remove the second factor (the next log-in sets it up again)"))
    def remove_second_factor(self, request, queryset):
        for user in queryset:
            two_factor_reset(user=user, actor=request.user)
        self.message_user(request, _("Second factor removed."), messages.SUCCESS)


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "kind", "username", "ip_address", "actor")
    list_filter = ("kind",)
    search_fields = ("username", "ip_address")
