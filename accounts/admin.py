from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "organisation", "is_active")
    list_filter = ("groups", "is_active", "is_staff")
    search_fields = ("username", "email", "first_name", "last_name", "organisation")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Organisation"), {"fields": ("function_title", "organisation")}),
    )
