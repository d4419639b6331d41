from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

from .contact import association_contact as _association_contact
from .dashboard import dashboard_alerts
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


def association_contact(request: HttpRequest) -> dict[str, Any]:
    """The association's contact details, for the footer and every page that tells members how to reach it."""
    return {"association_contact": _association_contact()}


def alerts(request: HttpRequest) -> dict[str, Any]:
    """Banners that need someone now (see ``core.dashboard``), on every page of the users they concern."""
    return {"alerts": dashboard_alerts(getattr(request, "user", None))}
