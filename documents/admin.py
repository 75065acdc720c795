from django.contrib import admin

from documents.models import RenderedDocument


@admin.register(RenderedDocument)
class RenderedDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "version", "status", "size", "created_at", "finished_at"]
    list_filter = ["status", "kind", "archival"]
    search_fields = ["title", "public_id", "sha256"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in RenderedDocument._meta.fields]

    def has_add_permission(self, request):
        return False
