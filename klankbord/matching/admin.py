"""Read-only admin views; assignments change only through the matching services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Assignment, CoverageGap


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Assignment)
class AssignmentAdmin(ReadOnly):
    list_display = ("report", "ambassador", "status", "requested_at", "due_at")
    list_filter = ("status",)
    exclude = ("reason",)


@admin.register(CoverageGap)
class CoverageGapAdmin(ReadOnly):
    list_display = ("date", "region_name", "report_reference", "reason")
    list_filter = ("reason", "scheme_slug")
