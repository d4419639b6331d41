"""Helpers for posting a form the way a browser does: with the submission key the form page rendered."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

FIELD = "_submission"
_KEY = re.compile(r'name="_submission" value="([^"]+)"')


def keys_in(html: str) -> list[str]:
    """Every submission key in a page, in order (one per rendered ``{% csrf_token %}``)."""
    return _KEY.findall(html)


def key_from(client: Client, url: str) -> str:
    """Open ``url`` as ``client`` and return the first form's submission key."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    found = keys_in(response.content.decode())
    assert found, f"{url} renders no submission key"
    return found[0]


def with_key(key: str, data: dict[str, Any]) -> dict[str, Any]:
    return {**data, FIELD: key}


def copy_browser(client: Client) -> Client:
    """A second client with the same cookies: the same browser sending another request (a double click)."""
    twin = Client()
    for name, morsel in client.cookies.items():
        twin.cookies[name] = morsel.value
    return twin
