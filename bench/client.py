"""A small HTTP client for the benchmark: one keep-alive connection, cookies, CSRF and a TOTP login.

Only the standard library, so that the benchmark adds no dependency and costs the server, not the client.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import re
import struct
import time
import urllib.parse
from dataclasses import dataclass, field

_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def totp(secret: str, at: float | None = None) -> str:
    """The current six-digit code of a base32 TOTP secret (RFC 6238, SHA-1, 30 s)."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(
        key, struct.pack(">Q", int((time.time() if at is None else at) // 30)), hashlib.sha1
    ).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str]
    seconds: float

    @property
    def queries(self) -> int | None:
        value = self.headers.get("x-queries")
        return int(value) if value else None

    @property
    def server_ms(self) -> float | None:
        value = self.headers.get("x-server-time")
        return float(value) if value else None


@dataclass
class Client:
    host: str
    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 60.0
    bearer: str = ""

    def __post_init__(self) -> None:
        self._connection: http.client.HTTPConnection | None = None

    def copy(self) -> Client:
        """A client with its own connection and the same session (one login serves several clients)."""
        return Client(self.host, self.port, dict(self.cookies), self.timeout, self.bearer)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Response:
        headers = {"Host": f"{self.host}:{self.port}", "Accept-Language": "nl"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.bearer:
            headers["Authorization"] = f"Bearer {self.bearer}"
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        started = time.perf_counter()
        for attempt in (1, 2):  # a keep-alive connection the server closed is reopened once
            try:
                connection = self._connect()
                connection.request(method, path, body=body, headers=headers)
                raw = connection.getresponse()
                data = raw.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise
        seconds = time.perf_counter() - started
        response_headers = {k.lower(): v for k, v in raw.getheaders()}
        for name, value in raw.getheaders():
            if name.lower() == "set-cookie":
                cookie = value.split(";", 1)[0]
                key, _, val = cookie.partition("=")
                self.cookies[key.strip()] = val.strip()
        return Response(raw.status, data, response_headers, seconds)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post_form(self, path: str, values: dict[str, str]) -> Response:
        """GET ``path`` for its CSRF token, then POST ``values`` with it."""
        page = self.get(path)
        match = _CSRF_INPUT.search(page.body.decode(errors="replace"))
        token = match.group(1) if match else self.cookies.get("csrftoken", "")
        return self.request("POST", path, {"csrfmiddlewaretoken": token, **values})

    def login(self, email: str, password: str, totp_secret: str) -> None:
        """Log in through allauth: password, then the TOTP code when the role requires MFA."""
        response = self.post_form("/accounts/login/", {"login": email, "password": password})
        location = response.headers.get("location", "")
        if response.status != 302:
            raise RuntimeError(f"login of {email} answered {response.status}")
        if "2fa" in location or "authenticate" in location:
            step = self.post_form(location, {"code": totp(totp_secret)})
            if step.status != 302:
                raise RuntimeError(f"TOTP step of {email} answered {step.status}")

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self._connection
