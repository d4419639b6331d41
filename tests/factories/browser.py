"""Helpers for browser tests: accessibility checks, logging in through the real forms, console watching.

Import them in any browser test module::

    from tests.factories.browser import axe_check, login

Every browser test module carries ``pytestmark = pytest.mark.browser``.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from allauth.mfa import app_settings as mfa_settings
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Error,
    Page,
    Playwright,
    Response,
    expect,
    sync_playwright,
)

from tests.factories.accounts import PASSWORD, totp_code
from tests.factories.files import png_bytes

BLOCKING_IMPACTS = ("serious", "critical")

_axe = Axe()


def _format_violation(violation: dict[str, Any]) -> str:
    lines = [f"[{violation.get('impact')}] {violation.get('id')}: {violation.get('help')}"]
    lines.append(f"    {violation.get('helpUrl', '')}")
    for node in violation.get("nodes", [])[:10]:
        lines.append(f"    - {' '.join(str(part) for part in node.get('target', []))}")
        lines.append(f"      {node.get('html', '')[:200]}")
        summary = node.get("failureSummary", "").replace("\n", "\n        ")
        if summary:
            lines.append(f"        {summary}")
    return "\n".join(lines)


def axe_check(page: Page, *, context: str | list[Any] | dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run axe-core on the current page (optionally within ``context``) and fail on serious/critical findings.

    Returns the minor and moderate violations, so that a test may inspect them if it wants to.
    """
    results = _axe.run(page, context=context)
    violations: list[dict[str, Any]] = results.response.get("violations", [])
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        report = "\n\n".join(_format_violation(v) for v in blocking)
        raise AssertionError(
            f"axe found {len(blocking)} serious/critical violation(s) on {page.url}:\n\n{report}"
        )
    return [v for v in violations if v.get("impact") not in BLOCKING_IMPACTS]


_used_windows: dict[str, int] = {}


def _fresh_totp_code(secret: str) -> str:
    """A code that allauth will accept: not about to expire, and not used before (allauth refuses replays)."""
    period = mfa_settings.TOTP_PERIOD
    if period - (time.time() % period) < 3:
        time.sleep(period - (time.time() % period) + 0.2)
    if _used_windows.get(secret) == int(time.time() // period):
        time.sleep(period - (time.time() % period) + 0.2)
    _used_windows[secret] = int(time.time() // period)
    return totp_code(secret)


def login(page: Page, live_server: Any, user: Any, totp_secret: str | None = None) -> None:
    """Log ``user`` in through the real allauth login form and, with ``totp_secret``, the MFA form.

    The user's password must be the factories' ``PASSWORD``.
    Ends on the page allauth redirects to after login; fails loudly if the login did not succeed.
    """
    page.goto(f"{live_server.url}{reverse('account_login')}")
    page.locator("input[name='login']").fill(user.email)
    page.locator("input[name='password']").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("input[name='password']").press("Enter")
    if totp_secret is not None:
        code_input = page.locator("input[name='code']")
        if code_input.count() == 0:
            raise AssertionError(f"expected the MFA form after the password step, got {page.url}")
        code_input.fill(_fresh_totp_code(totp_secret))
        with page.expect_navigation():
            code_input.press("Enter")
    if page.url.startswith(f"{live_server.url}{reverse('account_login')}") or "/accounts/2fa/" in page.url:
        raise AssertionError(f"login of {user.email} did not succeed; still on {page.url}")


@dataclass
class ConsoleWatch:
    """Collects console errors, uncaught page errors and CSP violations of one test's pages.

    The ``page`` fixture fails the test at teardown if anything unexpected was collected. Call ``watch(page)``
    for any further page a test opens. A document answered with a 4xx status on purpose (a 404 page, a form
    re-rendered with 400) makes Chromium log "Failed to load resource"; that message is expected for such
    documents and ignored, while the same message for a 5xx document, a stylesheet, script or image still fails
    the test. A test that
    provokes another error on purpose calls ``allow(substring)``.
    """

    errors: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)
    error_documents: set[str] = field(default_factory=set)
    _urls: list[str] = field(default_factory=list, repr=False)

    def watch(self, page: Page) -> Page:
        page.on("console", self.on_console)
        page.on("pageerror", self.on_page_error)
        page.on("response", self.on_response)
        return page

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            url = (message.location or {}).get("url", "")
            self.errors.append(f"console error: {message.text} ({url})")
            self._urls.append(url)

    def on_page_error(self, error: Error) -> None:
        self.errors.append(f"page error: {error}")
        self._urls.append("")

    def on_response(self, response: Response) -> None:
        # 4xx only: a document answered with a server error must still fail the test.
        if 400 <= response.status < 500 and response.request.resource_type == "document":
            self.error_documents.add(response.url)

    def allow(self, substring: str) -> None:
        self.allowed.append(substring)

    def _expected(self, error: str, url: str) -> bool:
        if any(allowed in error for allowed in self.allowed):
            return True
        return "Failed to load resource" in error and url in self.error_documents

    def unexpected(self) -> list[str]:
        return [e for e, url in zip(self.errors, self._urls, strict=True) if not self._expected(e, url)]

    def clear(self) -> None:
        self.errors.clear()
        self._urls.clear()


class _Shared:
    """One Playwright driver and one Chromium per test process.

    Two sync Playwright drivers cannot run in one thread ("Sync API inside the asyncio loop"). Every session
    fixture that needs the driver acquires this shared state, so only the first starts it and the last one to
    release it stops it.
    """

    manager: Any = None
    playwright: Playwright | None = None
    browser: Browser | None = None
    users = 0


def acquire_browser(launch: Any) -> tuple[Playwright, Browser]:
    """The shared driver and Chromium, started on first use (the browser with ``launch(playwright)``)."""
    if _Shared.playwright is None:
        _Shared.manager = sync_playwright()
        _Shared.playwright = _Shared.manager.start()
    if _Shared.browser is None:
        _Shared.browser = launch(_Shared.playwright)
    _Shared.users += 1
    return _Shared.playwright, _Shared.browser


def release_browser() -> None:
    _Shared.users -= 1
    if _Shared.users > 0:
        return
    if _Shared.browser is not None:
        _Shared.browser.close()
    if _Shared.manager is not None:
        _Shared.manager.__exit__(None, None, None)
    _Shared.manager = _Shared.playwright = _Shared.browser = None


def static_url(path: str) -> str:
    return f"{settings.STATIC_URL}{path}"


def report_online(page: Page, live_server: Any) -> str:
    """Report online without an account (threat in Utrecht, a PNG attached); returns the receipt code."""
    page.goto(f"{live_server.url}/melden/")
    axe_check(page)
    page.get_by_label("Nee").check()
    page.get_by_role("button", name="Verder naar de melding").click()
    expect(page.get_by_role("heading", name="Uw melding", exact=True)).to_be_visible()
    axe_check(page)

    page.get_by_label("In welke gemeente bent u actief?").select_option(label="Utrecht")
    page.get_by_label("Wat is er gebeurd?").fill(
        "Na de raadsvergadering werd ik op de parkeerplaats bedreigd."
    )
    page.get_by_label("Bedreiging of intimidatie").check()
    page.get_by_label("Bijlagen (optioneel)").set_input_files(
        files=[{"name": "bedreiging.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.get_by_label("Breng mij in contact met een regioambassadeur").check()
    page.get_by_role("button", name="Melding versturen").click()

    expect(page.get_by_role("heading", name="Uw melding is ontvangen")).to_be_visible()
    axe_check(page)
    code = page.locator("#receipt-code").inner_text()
    assert re.fullmatch(r"\d{4}( \d{4}){4}", code)
    return code
