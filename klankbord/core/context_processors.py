from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.templatetags.static import static

from .contact import association_contact as _association_contact
from .dashboard import dashboard_alerts
from .navigation import NAVIGATION, menu, visible_items, visitor_session


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu; for a visitor in a session without an account, also that session (instead of "Inloggen")."""
    items = visible_items(request, NAVIGATION)
    user = getattr(request, "user", None)
    session = None if user is not None and user.is_authenticated else visitor_session(request)
    if session is not None:
        items.append(
            {
                "url": session.url,
                "label": session.label,
                "current": request.path == session.url,
                "group": None,
            }
            | {"order": 60}
        )
    return {"nav_items": items, "nav_menu": menu(items), "visitor_session": session}


def association_contact(request: HttpRequest) -> dict[str, Any]:
    """The association's contact details, for the footer and every page that tells members how to reach it."""
    return {"association_contact": _association_contact()}


def alerts(request: HttpRequest) -> dict[str, Any]:
    """Banners that need someone now (see ``core.dashboard``), on every page of the users they concern."""
    return {"alerts": dashboard_alerts(getattr(request, "user", None))}


def identity(request: HttpRequest) -> dict[str, Any]:
    """The association's name, the site's name and its logo (configuration, see ``KLANKBORD_SITE_NAME``)."""
    return {
        "site_name": settings.KLANKBORD_SITE_NAME,
        "org_name": settings.KLANKBORD_ORG_NAME,
        "site_logo": static(settings.KLANKBORD_LOGO),
    }
