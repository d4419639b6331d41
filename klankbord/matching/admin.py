"""Read-only admin views; assignments change only through the matching services."""

from __future__ import annotations

from django.contrib import admin

from klankbord.core.admin import ReadOnlyAdmin

from .models import Assignment, CoverageGap


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ("report", "ambassador", "status", "requested_at", "due_at")
    list_filter = ("status",)
    exclude = ("reason",)


@admin.register(CoverageGap)
class CoverageGapAdmin(ReadOnlyAdmin):
    list_display = ("date", "region_name", "report_reference", "reason")
    list_filter = ("reason", "scheme_slug")
