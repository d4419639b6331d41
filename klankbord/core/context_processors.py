from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from .navigation import NAVIGATION


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    logged_in = bool(user and user.is_authenticated)
    items = []
    for item in NAVIGATION:
        if not logged_in and not item.anonymous:
            continue
        if item.permission and not (logged_in and user.has_perm(item.permission)):  # type: ignore[union-attr]
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": item.label, "current": request.path == url})
    return {"nav_items": items}
