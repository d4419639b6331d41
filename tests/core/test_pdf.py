"""The PDF renderer loads only inline and the project's own static resources, and never reaches the network."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from klankbord.core import pdf

HOSTILE = ("http://example.org/x.png", "file:///etc/passwd", "//host/x")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the PDF renderer tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/x.png",
        "https://example.org/x.css",
        "file:///etc/passwd",
        "https://host/x",  # what //host/x resolves to
        "https://klankbord.invalid/x.png",  # the base itself, outside the static files
        "https://klankbord.invalid/static/../settings/base.py",
        "https://klankbord.invalid/static/%2e%2e/%2e%2e/pyproject.toml",
        "https://klankbord.invalid/static/klankbord/does-not-exist.css",
    ],
)
def test_every_address_that_is_not_local_is_refused(url: str, no_network: None) -> None:
    with pytest.raises(pdf.RefusedURLError, match="may not load"):
        pdf.refuse_non_local(url)


def test_inline_data_and_the_projects_static_files_are_served(no_network: None) -> None:
    assert pdf.refuse_non_local("data:text/plain,hoi").read() == b"hoi"
    css = pdf.refuse_non_local("https://klankbord.invalid/static/klankbord/klankbord.css")
    assert css.content_type == "text/css" and css.read()


def test_a_template_with_remote_and_file_references_renders_without_fetching_them(
    monkeypatch: pytest.MonkeyPatch, no_network: None
) -> None:
    asked: list[tuple[str, str]] = []
    fetcher = pdf._fetcher_class()
    original = fetcher.fetch

    def spy(self: Any, url: str, headers: Any = None) -> Any:
        try:
            response = original(self, url, headers)
        except pdf.RefusedURLError:
            asked.append((url, "refused"))
            raise
        asked.append((url, "served"))
        return response

    monkeypatch.setattr(fetcher, "fetch", spy)
    images = "".join(f'<img src="{url}">' for url in HOSTILE)
    html = f'<html><head><link rel="stylesheet" href="/static/klankbord/klankbord.css"></head><body>{images}</body>'

    content = pdf.render_pdf(html)

    assert content.startswith(b"%PDF")
    assert ("https://klankbord.invalid/static/klankbord/klankbord.css", "served") in asked
    refused = {url for url, outcome in asked if outcome == "refused"}
    assert refused == {"http://example.org/x.png", "file:///etc/passwd", "https://host/x"}
