"""Fixtures for account tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.http import HttpResponse

from tests.factories.accounts import csp_problems


@pytest.fixture
def assert_page_ok() -> Callable[[HttpResponse], str]:
    """A Dutch page in our shell with nothing a strict CSP would block. Returns the decoded body."""

    def check(response: HttpResponse) -> str:
        assert response.status_code == 200, response.status_code
        body = response.content.decode()
        assert '<html lang="nl">' in body
        assert "Naar de inhoud" in body  # our base.html (skip link), not allauth's bare layout
        assert csp_problems(response) == []
        assert "script-src 'self'" in response["Content-Security-Policy"]
        return body

    return check
