"""The permission gates views use. Object-level rules live in each app's own ``permissions.py``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .selectors import user_has_mfa

View = Callable[..., HttpResponse]


def staff_page_required(*permissions: str, mfa: bool = True) -> Callable[[View], View]:
    """Logged in, MFA completed (unless ``mfa=False``) and holding every named permission, else refuse.

    Anonymous users go to the login page; users without MFA go to MFA enrolment; users without the permission
    get a 403.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if mfa and not user_has_mfa(user):
                return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
            if not user.has_perms(permissions):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def case_page_required(*permissions: str) -> Callable[[View], View]:
    """Gate for every page that shows case data of someone else: MFA is never optional here."""
    return staff_page_required("accounts.access_case_pages", *permissions, mfa=True)
