"""The one PDF renderer: WeasyPrint, offline.

A PDF is rendered from templates that can carry user content, so nothing it references may leave the machine
or read arbitrary files: only ``data:`` URIs and the project's own static files are loaded; every other URL
(http, https, file, protocol-relative ``//host``) raises ``RefusedURLError`` inside the fetcher, which WeasyPrint
reports as a warning and renders without the resource.
"""

from __future__ import annotations

import mimetypes
import posixpath
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

# Never fetched: only the base against which relative references in a template are resolved.
LOCAL_BASE_URL = "https://klankbord.invalid/"


class RefusedURLError(ValueError):
    """WeasyPrint asked for a resource that is neither inline nor one of the project's static files."""


def static_file(url: str) -> Path | None:
    """The project's static file that ``url`` names (resolved against ``LOCAL_BASE_URL``), or None."""
    prefix = urlsplit(urljoin(LOCAL_BASE_URL, settings.STATIC_URL))
    parts = urlsplit(url)
    if (parts.scheme, parts.netloc) != (prefix.scheme, prefix.netloc) or not parts.path.startswith(
        prefix.path
    ):
        return None
    relative = posixpath.normpath(unquote(parts.path[len(prefix.path) :]))
    if relative in {".", ".."} or relative.startswith(("../", "/")):
        return None
    found = finders.find(relative)
    return Path(found) if isinstance(found, str) else None


@cache
def _fetcher_class() -> Any:
    """Built on first use: WeasyPrint loads native libraries, which pages without a PDF should not wait for."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalURLFetcher(URLFetcher):
        """Serves ``data:`` URIs and static files; refuses everything else before any I/O."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data",), allow_redirects=False)

        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            if url.lower().startswith("data:"):
                return super().fetch(url, headers)
            path = static_file(url)
            if path is None:
                raise RefusedURLError(
                    f"the PDF may not load {url[:80]!r}: only data: URIs and the project's static files"
                )
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})

    return LocalURLFetcher


def refuse_non_local(url: str) -> Any:
    """Fetch ``url`` as the renderer would: the response for a local resource, else ``RefusedURLError``."""
    return _fetcher_class()().fetch(url)


def render_pdf(html: str) -> bytes:
    """Render ``html`` (a rendered template) to PDF bytes without reaching the network."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=LOCAL_BASE_URL, url_fetcher=_fetcher_class()())
    return bytes(document.write_pdf())
