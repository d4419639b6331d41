from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, Group, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import Language, RoleSlug


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address. What they may do comes from their roles (groups)."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    display_name = models.CharField(_("naam"), max_length=120, blank=True)
    preferred_language = models.CharField(
        _("voorkeurstaal"), max_length=2, choices=Language.choices, default=Language.DUTCH
    )
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(_("toegang tot beheeromgeving"), default=False)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique")]
        permissions = [
            ("access_case_pages", _("Kan dossierpagina's van anderen openen")),
            ("manage_users", _("Kan gebruikers en rollen beheren")),
            ("use_api", _("Kan persoonlijke API-tokens aanmaken")),
            ("confirm_role_grants", _("Kan toekenningen van rollen met toegang tot dossiers bevestigen")),
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_full_name(self) -> str:
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return self.get_full_name()


class Role(models.Model):
    """A role is a permission group plus what the product needs to know about it (roles as data)."""

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="role", verbose_name=_("groep")
    )
    slug = models.CharField(_("code"), max_length=40, unique=True, choices=RoleSlug.choices)
    requires_mfa = models.BooleanField(_("tweestapsverificatie verplicht"), default=True)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        ordering = ["slug"]

    def __str__(self) -> str:
        return str(self.get_slug_display())


class GrantStatus(models.TextChoices):
    PENDING = "pending", _("wacht op bevestiging")
    CONFIRMED = "confirmed", _("bevestigd")
    REFUSED = "refused", _("afgewezen")


class RoleGrant(models.Model):
    """A grant of a role that can read case data: it takes effect only when a second person confirms it
    (four eyes). The user joins the role's group at confirmation, not before. History: rows are never deleted.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="role_grants", verbose_name=_("gebruiker")
    )
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="grants", verbose_name=_("rol"))
    status = models.CharField(
        _("status"), max_length=12, choices=GrantStatus.choices, default=GrantStatus.PENDING
    )
    granted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("toegekend door")
    )
    granted_at = models.DateTimeField(_("toegekend op"), default=timezone.now)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("roltoekenning")
        verbose_name_plural = _("roltoekenningen")
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(status="pending"),
                name="accounts_rolegrant_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} ({self.get_status_display()})"


class Invitation(models.Model):
    """An invitation by e-mail: a single-use token (only its hash is kept) that expires."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("gebruiker")
    )
    token_hash = models.CharField(_("token-hash"), max_length=64, unique=True)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uitgenodigd door")
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt op"))
    used_at = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self) -> str:
        return f"invitation {self.pk}"
