"""API scopes and token limits: the one place later apps add a scope (and the permission it needs)."""

from __future__ import annotations

import math
from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiScope(models.TextChoices):
    """What a personal access token may be used for. Add new scopes here, and their permission below."""

    PROFILE_READ = "profile:read", _("Eigen profiel lezen")
    REFERENCE_READ = "reference:read", _("Referentiegegevens lezen (gemeenten en regio's)")
    SIGNALS_READ = "signals:read", _("Geanonimiseerde signalen lezen")


# A scope may need a permission on top of ``accounts.use_api``: it is offered only to users who hold it and
# checked again on every request. ``None``: every API user may choose it. The signals app sets its own
# permission here when it defines one; until then its endpoints must check permissions themselves.
SCOPE_PERMISSIONS: dict[str, str | None] = {
    ApiScope.PROFILE_READ: None,
    ApiScope.REFERENCE_READ: None,
    ApiScope.SIGNALS_READ: "signals.view_aggregates",
}

API_PERMISSION = "accounts.use_api"

TOKEN_MARKER = "kbt_"  # noqa: S105 (not a secret) recognisable by secret scanners; not part of the display prefix
TOKEN_RANDOM_BYTES = 32
TOKEN_PREFIX_LENGTH = 8
TOKEN_SECRET_LENGTH = len(TOKEN_MARKER) + math.ceil(
    TOKEN_RANDOM_BYTES * 4 / 3
)  # secrets.token_urlsafe, unpadded
TOKEN_DEFAULT_DAYS = 90
TOKEN_MAX_DAYS = 365
TOKEN_EXPIRY_CHOICES = (7, 30, 90, 180, 365)
TOKEN_MAX_ACTIVE_PER_USER = 10
TOKEN_LAST_USED_RESOLUTION = timedelta(minutes=1)

# Failed token attempts per client IP before the API answers 429 to every token that is not valid.
FAILED_ATTEMPTS_LIMIT = 20
FAILED_ATTEMPTS_WINDOW_SECONDS = 15 * 60
