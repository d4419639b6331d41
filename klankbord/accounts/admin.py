"""Admin for users, roles and second factors. Every change goes through the audited services.

Access is by the ``accounts.manage_users`` permission (roles are data), not by Django's per-model permissions.
Nobody can see or edit an MFA secret here; deleting a lost second factor is possible and audited.
"""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Role, User
from .selectors import users_for_admin
from .services import (
    authenticator_delete,
    role_update,
    user_create,
    user_update_account,
)

MANAGE_USERS = "accounts.manage_users"


class ManageUsersPermissionMixin:
    """View and change with ``accounts.manage_users``; nothing is ever deleted or added here unless allowed."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(MANAGE_USERS)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(MANAGE_USERS)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(MANAGE_USERS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class UserChangeForm(forms.ModelForm):
    """Roles are not edited here: they go through the four-eyes grant in the app (accounts:user)."""

    class Meta:
        model = User
        fields = ["display_name", "preferred_language", "is_active", "is_staff"]


class UserAddForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "display_name", "preferred_language", "is_staff"]
        help_texts = {
            "email": _(
                "De persoon kiest zelf een wachtwoord via 'Wachtwoord vergeten' en bevestigt daarmee dit adres. "
                "Beter: nodig iemand uit en geef rollen op de pagina Gebruikers in Klankbord."
            )
        }


class RoleListFilter(admin.SimpleListFilter):
    title = _("rol")
    parameter_name = "rol"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(role.slug, str(role)) for role in Role.objects.all()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> QuerySet[User]:
        if self.value():
            return queryset.filter(groups__role__slug=self.value())
        return queryset


@admin.register(User)
class UserAdmin(ManageUsersPermissionMixin, admin.ModelAdmin):
    list_display = ["email", "display_name", "role_list", "has_mfa", "is_active", "is_staff", "last_login"]
    list_filter = [RoleListFilter, "is_active", "is_staff"]
    search_fields = ["email", "display_name"]
    ordering = ["email"]
    # Roles, groups and permissions are read-only here: a role that reads case data needs a second person's
    # confirmation (accounts.services.grants), which only the app's user pages offer.
    readonly_fields = ["email", "role_list", "is_superuser", "last_login", "date_joined"]
    list_per_page = 50

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(MANAGE_USERS)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        real_factor = Authenticator.objects.filter(user_id=OuterRef("pk")).exclude(
            type=Authenticator.Type.RECOVERY_CODES
        )
        return users_for_admin().annotate(mfa_enabled=Exists(real_factor))

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        kwargs["form"] = UserChangeForm if obj is not None else UserAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:
            return ["email", "display_name", "preferred_language", "is_staff"]
        return [*self.readonly_fields, "display_name", "preferred_language", "is_active", "is_staff"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return list(self.readonly_fields) if obj is not None else []

    @admin.display(description=_("rollen"))
    def role_list(self, obj: User) -> str:
        roles = [str(group.role) for group in obj.groups.all() if hasattr(group, "role")]
        return ", ".join(sorted(roles))

    @admin.display(description=_("tweestapsverificatie"), boolean=True)
    def has_mfa(self, obj: User) -> bool:
        return bool(getattr(obj, "mfa_enabled", False))

    def save_model(self, request: HttpRequest, obj: User, form: forms.ModelForm, change: bool) -> None:
        data = form.cleaned_data
        if not change:
            created = user_create(
                actor=request.user,
                email=data["email"],
                display_name=data.get("display_name", ""),
                preferred_language=data["preferred_language"],
                is_staff=data.get("is_staff", False),
                # No password: the only way in is a reset link mailed to this address, which proves it.
                email_verified=True,
            )
            obj.__dict__.update(vars(created))  # the admin goes on with the object the service created
            return
        user_update_account(
            actor=request.user,
            user=obj,
            display_name=data.get("display_name", ""),
            preferred_language=data["preferred_language"],
            is_active=data["is_active"],
            is_staff=data["is_staff"],
        )

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets: Any, change: bool) -> None:
        """Nothing related is saved here: roles, groups and permissions are not editable in the admin."""


class RoleForm(forms.ModelForm):
    class Meta:
        model = Role
        fields = ["description", "requires_mfa"]


@admin.register(Role)
class RoleAdmin(ManageUsersPermissionMixin, admin.ModelAdmin):
    form = RoleForm
    list_display = ["__str__", "slug", "requires_mfa", "description"]
    fields = ["slug", "permission_list", "description", "requires_mfa"]
    readonly_fields = ["slug", "permission_list"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Role]:
        return super().get_queryset(request).select_related("group").prefetch_related("group__permissions")

    @admin.display(description=_("rechten (uit de rollentabel)"))
    def permission_list(self, obj: Role) -> str:
        return ", ".join(sorted(permission.codename for permission in obj.group.permissions.all())) or "-"

    def save_model(self, request: HttpRequest, obj: Role, form: forms.ModelForm, change: bool) -> None:
        data = form.cleaned_data
        role_update(
            actor=request.user, role=obj, description=data["description"], requires_mfa=data["requires_mfa"]
        )


# Second factors: list and delete (a lost phone), never view or edit the stored secret.
if admin.site.is_registered(Authenticator):
    admin.site.unregister(Authenticator)
# Role permissions come from roles.py and are re-synced on every migrate: editing groups by hand would not last.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


@admin.register(Authenticator)
class AuthenticatorAdmin(ManageUsersPermissionMixin, admin.ModelAdmin):
    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    search_fields = ["user__email"]
    fields = ["user", "type", "created_at", "last_used_at"]  # never "data": it holds the (encrypted) secret
    readonly_fields = ["user", "type", "created_at", "last_used_at"]
    list_select_related = ["user"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(MANAGE_USERS)

    def delete_model(self, request: HttpRequest, obj: Authenticator) -> None:
        authenticator_delete(actor=request.user, authenticator=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Authenticator]) -> None:
        for authenticator in list(queryset):
            if Authenticator.objects.filter(pk=authenticator.pk).exists():  # may be gone with its factor
                authenticator_delete(actor=request.user, authenticator=authenticator)
