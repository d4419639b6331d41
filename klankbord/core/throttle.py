"""Fixed-window counters in the cache, for throttling guessable or abusable endpoints.

One implementation for every throttle (receipt codes, API tokens, public forms). Counters live in the default
cache, so in production they hold across workers only with ``REDIS_URL`` set. Keys carry a keyed hash of the
client address, never the address itself.
"""

from __future__ import annotations

import hashlib

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address as allauth sees it (honours ALLAUTH_TRUSTED_PROXY_COUNT, like the login limits)."""
    try:
        return get_adapter(request).get_client_ip(request) or "unknown"
    except (PermissionDenied, ImproperlyConfigured):
        return "unknown"


def hashed(value: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()[:32]


def window_count(key: str) -> int:
    return int(cache.get(key, 0))


def window_hit(key: str, *, window_seconds: int) -> int:
    """Count one event; the window starts at the first event and does not slide. Returns the new count."""
    if cache.add(key, 1, timeout=window_seconds):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # the window expired between add() and incr()
        cache.add(key, 1, timeout=window_seconds)
        return 1
