"""Who keeps pending uploads, and how many bytes they may keep: a quota per session and per client address.

A form with errors keeps its checked files as pending uploads, so that nobody has to choose them again. Without
a bound, an anonymous script posting invalid forms with large files fills the disk; with it, the files past the
quota are refused (a Dutch message, the rest of the form kept) until earlier ones are sent or have expired.
Only keyed hashes of the session and the address are stored.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from klankbord.core.errors import DomainError
from klankbord.core.throttle import client_ip, hashed

from .models import PendingUpload

SESSION_KEY = "klankbord.uploads.owner"


@dataclass(frozen=True)
class UploadOwner:
    """The keyed hashes of the session and of the client address that keep a pending upload."""

    session_hash: str
    address_hash: str


def upload_owner(request: HttpRequest) -> UploadOwner:
    """The owner of the uploads of this request; gives an anonymous visitor a session marker of its own."""
    marker = request.session.get(SESSION_KEY)
    if not isinstance(marker, str):
        marker = secrets.token_urlsafe(24)
        request.session[SESSION_KEY] = marker
    return UploadOwner(
        session_hash=hashed(f"session:{marker}"), address_hash=hashed(f"ip:{client_ip(request)}")
    )


def _pending_bytes(**owner: str) -> int:
    rows = PendingUpload.objects.filter(expires_at__gt=timezone.now(), **owner)
    return int(rows.aggregate(total=Sum("size"))["total"] or 0)


def quota_check(*, owner: UploadOwner, name: str, size: int) -> None:
    """Refuse a file that would take the owner's session or address past its quota of pending bytes."""
    over_session = (
        _pending_bytes(session_hash=owner.session_hash) + size > settings.UPLOAD_PENDING_SESSION_BYTES
    )
    over_address = (
        _pending_bytes(address_hash=owner.address_hash) + size > settings.UPLOAD_PENDING_ADDRESS_BYTES
    )
    if over_session or over_address:
        message = _(
            "%(name)s: Er staan al te veel bijlagen klaar die nog niet zijn verstuurd. Verstuur eerst het "
            "formulier met de bijlagen die er al staan, of probeer het morgen opnieuw. Wat u typte staat er nog."
        )
        raise DomainError(message % {"name": name}, code="upload_quota")
