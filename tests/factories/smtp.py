"""A real SMTP server on a loopback port (aiosmtpd) that a fault test can make refuse, temp-fail or hang.

    with FaultySMTP() as server:            # listens on 127.0.0.1:<free port>
        server.refuse_with = 550            # every RCPT: 550 (permanent)
        server.temp_failures = 3            # the next 3 RCPTs: 451, then accept
        server.hangs = 2                    # the next 2 RCPTs: no answer until the client gives up
        server.data_delay = 0.3             # each DATA waits this long before its 250
        server.received                     # Message-IDs accepted, in order (a double shows up twice)

A message counts as received only when the server answers its DATA with 250. A client that disconnects
before that (timeout, ``kill -9``) cancels the session's handler, so nothing is recorded, as with a real MTA
that has not committed the message yet.
"""

from __future__ import annotations

import asyncio
import email
import socket
import threading
import time
from collections import Counter
from types import TracebackType
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Handler:
    def __init__(self, server: FaultySMTP) -> None:
        self.server = server

    async def handle_RCPT(  # noqa: N802 - aiosmtpd's hook name
        self, smtp: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        server = self.server
        with server.lock:
            server.rcpt_count += 1
            if server.refuse_with:
                return f"{server.refuse_with} 5.1.1 Recipient refused"
            if server.temp_failures > 0:
                server.temp_failures -= 1
                return "451 4.3.0 Temporary failure, try again later"
            hang = server.hangs > 0
            if hang:
                server.hangs -= 1
        if hang:
            await asyncio.sleep(server.hang_seconds)  # cancelled when the client gives up
            return "451 4.4.2 Too slow"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, smtp: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        server = self.server
        with server.lock:
            server.data_started += 1
            server.changed.notify_all()
        if server.data_delay:
            await asyncio.sleep(server.data_delay)
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        with server.lock:
            server.received.append(str(message["Message-ID"]))
            server.recipients.append(",".join(envelope.rcpt_tos))
            server.changed.notify_all()
        return "250 Message accepted for delivery"


class FaultySMTP:
    def __init__(self) -> None:
        self.port = free_port()
        self.lock = threading.Lock()
        self.changed = threading.Condition(self.lock)
        self.refuse_with = 0
        self.temp_failures = 0
        self.hangs = 0
        self.hang_seconds = 30.0
        self.data_delay = 0.0
        self.rcpt_count = 0
        self.data_started = 0
        self.received: list[str] = []
        self.recipients: list[str] = []
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port, ready_timeout=10)

    def __enter__(self) -> FaultySMTP:
        self._controller.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._controller.stop()

    def doubles(self) -> dict[str, int]:
        with self.lock:
            return {message_id: n for message_id, n in Counter(self.received).items() if n > 1}

    def wait_for(self, condition: str, value: int, *, timeout: float) -> bool:
        """Block until ``getattr(self, condition) >= value`` (e.g. ``data_started``), at most ``timeout`` s."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while getattr(self, condition) < value:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self.changed.wait(left)
        return True

    def django_settings(self, *, timeout: float) -> dict[str, Any]:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_USE_TLS": False,
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_TIMEOUT": timeout,
        }

    def environment(self, *, timeout: float) -> dict[str, str]:
        """The same for a worker process (through klankbord/settings/env.py)."""
        return {
            "EMAIL_MODE": "smtp",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.port),
            "EMAIL_USE_TLS": "false",
            "EMAIL_TIMEOUT": str(timeout),
        }
