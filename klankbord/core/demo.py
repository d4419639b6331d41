"""Synthetic demo data: fictitious people, real municipalities.

The ``demo`` command calls ``seed(context)`` in every installed app that has a ``demo`` module, in the order of
INSTALLED_APPS. Each seeder must be idempotent: running the demo again creates no duplicates.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

DEMO_PASSWORD = "Klankbord-demo-2026"  # noqa: S105 (printed for newcomers; refused in production)
DEMO_DOMAIN = "demo.klankbord.example"


@dataclass
class DemoContext:
    write: Callable[[str], None]
    rng: random.Random = field(default_factory=lambda: random.Random(2026))  # noqa: S311 (not security related)
    users: dict[str, Any] = field(default_factory=dict)  # role slug -> the printed demo login of that role
    logins: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # (role label, e-mail, TOTP secret or "")

    def progress(self, label: str, done: int, total: int) -> None:
        if total and (done == total or done % max(1, total // 10) == 0):
            self.write(f"    {label}: {done}/{total}")


def demo_site_url(addrport: str) -> str:
    """The base URL of a demo served at ``addrport`` (as runserver takes it: ``port``, ``host:port``, ``[v6]:port``).

    A server listening on every address (``0.0.0.0``, ``::``) is reached on this machine as 127.0.0.1.
    """
    host, separator, port = addrport.rpartition(":")
    if not separator:
        host, port = "", addrport
    if host in {"", "0"} or _listens_everywhere(host):
        host = "127.0.0.1"
    return f"http://{host}:{port}"


def _listens_everywhere(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:  # a host name
        return False


def demo_totp_secret(email: str) -> str:
    """A stable TOTP secret per demo account, so re-running the demo keeps authenticator apps working."""
    digest = hashlib.sha256(f"klankbord-demo-totp:{email}".encode()).digest()[:20]
    return base64.b32encode(digest).decode("ascii")
