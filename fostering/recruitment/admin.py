from django.contrib import admin

from .models import Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "active", "organisation")
    list_filter = ("organisation", "kind", "active")
    search_fields = ("name",)
