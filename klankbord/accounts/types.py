"""Types for annotations shared by every app: who is acting, and a request made by a signed-in user.

Services take the acting person as a keyword argument; annotating it with these names (instead of ``Any``)
lets mypy check that a service only reads what a user object really has.
"""

from __future__ import annotations

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from .models import User

__all__ = ["Actor", "AnyUser", "AuthenticatedHttpRequest", "User"]

AnyUser: TypeAlias = User | AnonymousUser
"""Whoever makes a request, signed in or not: what ``request.user`` is on a page that needs no login."""

Actor: TypeAlias = User | AnonymousUser | None
"""Who performs a change, as recorded in the audit log: a user, an anonymous visitor, or ``None`` for the system
(commands, tasks, the demo). A service that needs a signed-in person takes a ``User`` instead."""


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind a login gate (``staff_page_required``, ``case_page_required``): its
    ``user`` is a real ``User``, never anonymous.

    Only for annotations; Django never builds this class. Use it only where a login is enforced, since the
    type cannot check that it is.
    """

    user: User
