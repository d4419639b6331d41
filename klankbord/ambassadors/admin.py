"""Read-only admin views for support staff; every change goes through the services and their pages."""

from __future__ import annotations

from django.contrib import admin

from klankbord.core.admin import ReadOnlyAdmin

from .models import Ambassador


@admin.register(Ambassador)
class AmbassadorAdmin(ReadOnlyAdmin):
    list_display = ("user", "home_municipality", "status", "capacity")
    list_filter = ("status",)
    fields = ("user", "home_municipality", "status", "capacity", "started_on")
    readonly_fields = fields
