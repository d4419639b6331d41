"""Read-only admin views of vacancies and targets. Applicant data is not in the admin: it is encrypted and read
only through the recruitment pages, where every read is audited; every change goes through the services."""

from __future__ import annotations

from django.contrib import admin

from klankbord.core.admin import ReadOnlyAdmin

from .models import CoverageTarget, Vacancy


@admin.register(Vacancy)
class VacancyAdmin(ReadOnlyAdmin):
    list_display = ("region", "status", "positions", "opened_at", "closes_on")
    list_filter = ("status",)
    list_select_related = ("region",)


@admin.register(CoverageTarget)
class CoverageTargetAdmin(ReadOnlyAdmin):
    list_display = ("region", "target", "updated_at")
    list_select_related = ("region",)
