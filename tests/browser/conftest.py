"""Browser test infrastructure: the system's Chromium driven by Playwright (sync API) against ``live_server``.

Decisions (see docs/testing.md):
- Chromium comes from the Debian package (/usr/bin/chromium); Playwright's own download is never used.
- ``live_server`` makes every browser test transactional: the database is flushed after each test. The flush
  removes what migrations loaded. Content types, permissions and roles come back by themselves (flush emits
  post_migrate, which runs ``sync_roles``); the geo reference data does not, so ``_browser_database``
  reloads it through ``reference_data_load`` (about 1 s) when it is missing, and calls ``sync_roles()``.
  We measured ``serialized_rollback`` at about 4.5 s per test (2,000 objects saved one by one), so it is not
  the default; a test may still request ``django_db_serialized_rollback`` (see ``_serialized_database``).
- The Playwright sync API runs an asyncio loop in the test thread; Django's async-safety check would then
  refuse ORM calls from the test itself, hence DJANGO_ALLOW_ASYNC_UNSAFE (tests only).
- Every page's console errors, uncaught errors and CSP violations fail the test at teardown
  (``console.allow(substring)`` for errors a test provokes on purpose; a document answered with a 4xx status
  is expected, see ``ConsoleWatch``).
- One Playwright driver and one Chromium per process, shared even by modules elsewhere that import these
  fixtures (two sync drivers cannot run in one thread).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

from tests.factories.browser import ConsoleWatch, acquire_browser, release_browser

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("KLANKBORD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
# Generous: CI machines are often busy, and the first request compiles templates and URL patterns.
DEFAULT_TIMEOUT_MS = 30_000
EXPECT_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def _serialized_database(django_db_setup: None) -> str | None:
    """The database contents serialized after migrate, captured before Playwright starts its event loop.

    Once the Playwright sync API runs, asyncio reports a running loop in this thread and Django's connection
    handler (an asgiref ``Local``) hands out *new* connection objects, which lack the serialized contents that
    ``serialized_rollback`` restores from. ``_restore_serialized_contents`` puts them back on every test.
    """
    from django.db import connections

    return getattr(connections["default"], "_test_serialized_contents", None)


@pytest.fixture(autouse=True)
def _restore_serialized_contents(_serialized_database: str | None) -> None:
    from django.db import connections

    if _serialized_database is not None:
        connections["default"]._test_serialized_contents = _serialized_database  # type: ignore[attr-defined]


def _launch(playwright: Playwright) -> Browser:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set KLANKBORD_CHROMIUM)")
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def playwright_instance(_serialized_database: str | None) -> Iterator[Playwright]:
    """The Playwright driver with Chromium launched, one per process (see ``acquire_browser``)."""
    playwright, _browser = acquire_browser(_launch)
    try:
        yield playwright
    finally:
        release_browser()


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Browser:
    _playwright, shared = acquire_browser(_launch)
    release_browser()  # only looked up: ``playwright_instance`` holds it for the session
    return shared


@pytest.fixture(autouse=True)
def _browser_database(transactional_db: None, live_server: Any) -> None:
    """Every browser test starts with the reference data and the roles, as after ``klankbord migrate``."""
    from klankbord.accounts.roles import sync_roles
    from klankbord.geo.models import Municipality
    from klankbord.geo.services import reference_data_load

    if not Municipality.objects.exists():
        reference_data_load(actor=None)
    sync_roles()


@pytest.fixture
def console() -> ConsoleWatch:
    return ConsoleWatch()


@pytest.fixture
def browser_context(browser: Browser, live_server: Any) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(browser_context: BrowserContext, console: ConsoleWatch) -> Iterator[Page]:
    page = console.watch(browser_context.new_page())
    yield page
    unexpected = console.unexpected()
    assert not unexpected, "the browser reported errors:\n" + "\n".join(unexpected)
