"""No page is kept by a browser or proxy: every route of the URL configuration, for several roles, answers with
``Cache-Control: no-store`` (and ``Pragma``/``Expires``), as do the receipt page and the receipt-code portal."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("beheer/", "api/", "static/", "healthz", "readyz", "i18n/")
PERSONAS = ["council_member", "counsellor", "ambassador"]


def _routes(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def _concrete(route: str, pk: int) -> str | None:
    """A URL for the route, its ids filled with ``pk``; regular-expression routes (the admin's) are left out."""
    if route.startswith(SKIPPED_PREFIXES) or route.startswith("^"):
        return None
    url = re.sub(r"<int:\w+>", str(pk), route)
    url = re.sub(r"<(?:slug|str|uuid|path):?\w*>", "x", url)
    return "/" + url


def _urls(pk: int) -> list[str]:
    urls = {_concrete(route, pk) for route in _routes(get_resolver().url_patterns)}
    return sorted(url for url in urls if url)


def assert_never_cached(response: Any, url: str) -> None:
    assert "no-store" in response.get("Cache-Control", ""), (url, response.status_code)
    assert response.get("Pragma") == "no-cache" and response.get("Expires"), url


@pytest.mark.parametrize("persona", ["anonymous", *PERSONAS])
def test_every_page_of_the_url_configuration_is_never_cached(
    persona: str, request: Any, client_for: Any, submit_report: Any
) -> None:
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    report = submit_report(reporter=user if persona == "council_member" else None).report
    client = client_for(user)
    client.raise_request_exception = False
    urls = _urls(report.pk)
    assert len(urls) > 100
    statuses = set()
    for url in urls:
        response = client.get(url)
        statuses.add(response.status_code)
        assert_never_cached(response, url)
    assert 200 in statuses


def test_the_receipt_page_and_the_receipt_code_portal_are_never_cached(
    client: Client, municipality: Any, portal_for: Any, submit_report: Any
) -> None:
    form = {"acute_danger": "nee", "municipality": municipality.pk, "narrative": "x"}
    assert_never_cached(client.post("/melden/formulier/", form), "form")
    receipt = client.get("/melden/ontvangen/")
    assert "code-display" in receipt.content.decode()
    assert_never_cached(receipt, "receipt")
    submitted = submit_report()
    portal = portal_for(submitted)
    pk = submitted.report.pk
    assert_never_cached(portal.get("/mijn-meldingen/"), "portal list")  # a redirect to the one report
    for url in [f"/mijn-meldingen/{pk}/", f"/mijn-meldingen/{pk}/export.json"]:
        response = portal.get(url)
        assert response.status_code == 200, url
        assert_never_cached(response, url)
