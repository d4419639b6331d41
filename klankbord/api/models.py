from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .constants import TOKEN_MARKER, ApiScope


class TokenStatus(models.TextChoices):
    ACTIVE = "active", _("Actief")
    EXPIRED = "expired", _("Verlopen")
    REVOKED = "revoked", pgettext_lazy("token", "Ingetrokken")


class PersonalAccessToken(models.Model):
    """A staff member's personal API token. The secret itself is never stored, only its SHA-256 hash.

    A fast, unsalted hash is the right tool here (unlike for passwords): the secret is 32 random bytes
    (256 bits) from ``secrets``, so there is nothing to brute-force or look up in a rainbow table, and a fast
    hash keeps every API request cheap. ``prefix`` (the first 8 characters of the random part) is stored in
    the clear so that the owner can recognise a token and so that a lookup finds its candidate row(s) before
    the hashes are compared in constant time.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("gebruiker"),
    )
    name = models.CharField(_("naam"), max_length=100)
    prefix = models.CharField(_("begin van het token"), max_length=8, db_index=True)
    token_hash = models.CharField(_("SHA-256-hash van het token"), max_length=64, unique=True)
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    expires_at = models.DateTimeField(_("verloopt op"))
    last_used_at = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("persoonlijk API-token")
        verbose_name_plural = _("persoonlijke API-tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.display_prefix})"

    @property
    def display_prefix(self) -> str:
        return f"{TOKEN_MARKER}{self.prefix}…"

    def status_at(self, now: datetime) -> TokenStatus:
        if self.revoked_at is not None:
            return TokenStatus.REVOKED
        if self.expires_at <= now:
            return TokenStatus.EXPIRED
        return TokenStatus.ACTIVE

    @property
    def status(self) -> TokenStatus:
        return self.status_at(timezone.now())

    @property
    def is_active(self) -> bool:
        return self.status is TokenStatus.ACTIVE

    def scope_labels(self) -> list[str]:
        labels = dict(ApiScope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes]
