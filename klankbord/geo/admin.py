"""Read-only admin: reference data is loaded from files and region schemes change only through the services
(the /regio/ pages), which keep every municipality in exactly one region and write the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from klankbord.core.admin import ReadOnlyAdmin

from .models import Municipality, Region, RegionMembership, RegionScheme


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "province_name", "safety_region_name", "riec_region", "corop_name"]
    list_filter = ["province_name", "riec_region"]
    search_fields = ["code", "name"]
    ordering = ["name"]
    exclude = ["neighbours"]
    readonly_fields = ["neighbour_names"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).prefetch_related("neighbours")

    @admin.display(description=_("buurgemeenten"))
    def neighbour_names(self, obj: Municipality) -> str:
        return ", ".join(sorted(neighbour.name for neighbour in obj.neighbours.all()))


@admin.register(RegionScheme)
class RegionSchemeAdmin(ReadOnlyAdmin):
    list_display = ["name", "slug", "kind", "is_active"]
    list_filter = ["kind", "is_active"]


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "scheme"]
    list_filter = ["scheme"]
    search_fields = ["name", "code"]
    list_select_related = ["scheme"]


@admin.register(RegionMembership)
class RegionMembershipAdmin(ReadOnlyAdmin):
    list_display = ["municipality", "region", "scheme"]
    list_filter = ["scheme"]
    search_fields = ["municipality__name", "region__name"]
    list_select_related = ["municipality", "region", "scheme"]
