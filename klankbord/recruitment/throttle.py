"""Per-IP limits on the public application form (open to anyone, with a 10 MB upload).

Two buckets: every POST (so a bot cannot make the server parse uploads endlessly) and stored applications.
"""

from __future__ import annotations

from django.http import HttpRequest

from klankbord.core.throttle import client_ip, hashed, window_count, window_hit

from .constants import APPLY_ATTEMPT_RATE, APPLY_RATE, APPLY_RATE_WINDOW_SECONDS


def _key(request: HttpRequest, bucket: str) -> str:
    return f"klankbord:recruitment:{bucket}:{hashed(client_ip(request))}"


def _count(request: HttpRequest, bucket: str, *, consume: bool) -> int:
    key = _key(request, bucket)
    return window_hit(key, window_seconds=APPLY_RATE_WINDOW_SECONDS) if consume else window_count(key)


def attempt_allowed(request: HttpRequest) -> bool:
    """Count this POST; False once the address exceeded the attempts or the stored applications per hour."""
    attempts = _count(request, "attempt", consume=True)
    return attempts <= APPLY_ATTEMPT_RATE and _count(request, "stored", consume=False) < APPLY_RATE


def stored(request: HttpRequest) -> None:
    _count(request, "stored", consume=True)
