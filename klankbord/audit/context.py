"""The client address of the request being served, for every audit entry written while serving it.

Set by ``klankbord.accounts.middleware.ClientAddressMiddleware`` (which reads it through the trusted-proxy
setting); ``audit_log`` uses it when its caller names no address. Outside a request (tasks run later, commands)
it is unset and entries carry no address. The address is not part of an entry's hash.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_client_address: ContextVar[str | None] = ContextVar("klankbord_audit_client_address", default=None)


def valid_address(value: str | None) -> str | None:
    """``value`` if it is an IPv4 or IPv6 address, else None (allauth answers 'unknown' without one)."""
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


@contextmanager
def client_address(value: str | None) -> Iterator[None]:
    """Entries written inside this block carry ``value`` (when it is an address)."""
    token = _client_address.set(valid_address(value))
    try:
        yield
    finally:
        _client_address.reset(token)


def current_client_address() -> str | None:
    return _client_address.get()
