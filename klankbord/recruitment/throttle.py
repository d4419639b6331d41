"""Per-IP limits on the public application form (open to anyone, with a 10 MB upload).

Two buckets: every POST (so a bot cannot make the server parse uploads endlessly) and stored applications.
"""

from __future__ import annotations

import hashlib

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from .constants import APPLY_ATTEMPT_RATE, APPLY_RATE, APPLY_RATE_WINDOW_SECONDS


def _key(request: HttpRequest, bucket: str) -> str:
    # allauth's client-IP logic honours ALLAUTH_TRUSTED_PROXY_COUNT; only a keyed hash of the address is kept.
    address = get_adapter(request).get_client_ip(request) or "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"klankbord:recruitment:{bucket}:{digest}"


def _count(request: HttpRequest, bucket: str, *, consume: bool) -> int:
    key = _key(request, bucket)
    if not consume:
        return int(cache.get(key, 0))
    cache.add(key, 0, timeout=APPLY_RATE_WINDOW_SECONDS)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=APPLY_RATE_WINDOW_SECONDS)
        return 1


def attempt_allowed(request: HttpRequest) -> bool:
    """Count this POST; False once the address exceeded the attempts or the stored applications per hour."""
    attempts = _count(request, "attempt", consume=True)
    return attempts <= APPLY_ATTEMPT_RATE and _count(request, "stored", consume=False) < APPLY_RATE


def stored(request: HttpRequest) -> None:
    _count(request, "stored", consume=True)
