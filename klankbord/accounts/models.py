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
