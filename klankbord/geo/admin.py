"""Read-only admin for the reference data, loaded from files, and the region schemes, which change only through the
services (the /regio/ pages) that keep every municipality in exactly one region and write the audit log.
The party list is edited here, through the services as well."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from klankbord.core.admin import ReadOnlyAdmin

from .models import Municipality, Party, Region, RegionMembership, RegionScheme
from .services import party_delete, party_save


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


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    """The party list is the association's own: national parties come with the reference data, local parties are
    entered once here. Every change goes through ``services.party_save`` / ``party_delete`` (audited)."""

    list_display = ["name", "abbreviation", "code", "is_national", "seat_count"]
    list_filter = ["is_national"]
    search_fields = ["name", "abbreviation", "code", "other_names", "municipalities__name"]
    fields = ["name", "code", "abbreviation", "other_names", "is_national", "municipalities"]
    prepopulated_fields = {"code": ["name"]}
    autocomplete_fields = ["municipalities"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).annotate(seats=Count("municipalities"))

    @admin.display(description=_("zetels in gemeenten"), ordering="seats")
    def seat_count(self, obj: Any) -> int:
        return int(obj.seats)

    def save_model(self, request: HttpRequest, obj: Party, form: forms.ModelForm, change: bool) -> None:
        """Saved with its seats in ``save_related``, which the admin calls next: one service call, one audit."""

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool) -> None:
        party_save(
            actor=request.user,
            party=form.instance,
            municipalities=form.cleaned_data["municipalities"],
        )

    def delete_model(self, request: HttpRequest, obj: Party) -> None:
        party_delete(actor=request.user, party=obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for party in list(queryset):
            party_delete(actor=request.user, party=party)
