"""Read-only view of tokens for user managers, with one action: revoke (through the service)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from klankbord.accounts.selectors import authenticated_user
from klankbord.core.admin import ReadOnlyAdmin

from .models import PersonalAccessToken
from .services import token_revoke


@admin.register(PersonalAccessToken)
class PersonalAccessTokenAdmin(ReadOnlyAdmin):
    list_display = (
        "name",
        "user",
        "display_prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    list_select_related = ("user",)
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix", "user__email")
    exclude = ("token_hash",)
    actions = ("revoke_selected",)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm("accounts.manage_users")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    @admin.action(description=_("Geselecteerde tokens intrekken"), permissions=["view"])
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[PersonalAccessToken]) -> None:
        for token in queryset:
            token_revoke(actor=authenticated_user(request), token=token)
        messages.success(request, _("De geselecteerde tokens zijn ingetrokken."))
