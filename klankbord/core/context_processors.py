from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .contact import association_contact as _association_contact
from .dashboard import dashboard_alerts
from .navigation import NAVIGATION, visible_items, visitor_session


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu; for a visitor in a session without an account, also that session (instead of "Inloggen")."""
    items = visible_items(request, NAVIGATION)
    user = getattr(request, "user", None)
    session = None if user is not None and user.is_authenticated else visitor_session(request)
    if session is not None:
        items.append({"url": session.url, "label": session.label, "current": request.path == session.url})
    return {"nav_items": items, "visitor_session": session}


def association_contact(request: HttpRequest) -> dict[str, Any]:
    """The association's contact details, for the footer and every page that tells members how to reach it."""
    return {"association_contact": _association_contact()}


def alerts(request: HttpRequest) -> dict[str, Any]:
    """Banners that need someone now (see ``core.dashboard``), on every page of the users they concern."""
    return {"alerts": dashboard_alerts(getattr(request, "user", None))}
