"""The permission gates views use. Object-level rules live in each app's own ``permissions.py``.

Every view wrapped by a gate carries ``klankbord_gate`` (``"case"`` or ``"staff"``) and ``klankbord_gate_mfa``,
so a test can walk the URL resolver and prove that every case page refuses a user without MFA.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .selectors import user_has_mfa

View = Callable[..., HttpResponse]

GATE_CASE = "case"
GATE_STAFF = "staff"
MFA_NEXT_SESSION_KEY = "klankbord_mfa_next"


def safe_next_url(request: HttpRequest, url: str | None) -> str | None:
    """``url`` if it points into this site (same host, http(s) only, https when the request is), else None."""
    if not url:
        return None
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


def mfa_enrolment_redirect(request: HttpRequest) -> HttpResponse:
    """Send the user to TOTP activation; remember where they were going (validated) for after enrolment."""
    target = reverse("mfa_activate_totp")
    next_url = safe_next_url(request, request.get_full_path())
    if next_url is None:
        return HttpResponseRedirect(target)
    if hasattr(request, "session"):
        request.session[MFA_NEXT_SESSION_KEY] = next_url
    return HttpResponseRedirect(f"{target}?{urlencode({'next': next_url})}")


def _gate(permissions: tuple[str, ...], *, mfa: bool, kind: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if mfa and not user_has_mfa(user):
                return mfa_enrolment_redirect(request)
            if not user.has_perms(permissions):
                # A case page never confirms that a case exists: refuse it exactly like an unknown id.
                raise Http404 if kind == GATE_CASE else PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.klankbord_gate = kind  # type: ignore[attr-defined]
        wrapped.klankbord_gate_mfa = mfa  # type: ignore[attr-defined]
        wrapped.klankbord_gate_permissions = permissions  # type: ignore[attr-defined]
        return wrapped

    return decorator


def staff_page_required(*permissions: str, mfa: bool = True) -> Callable[[View], View]:
    """Logged in, MFA completed (unless ``mfa=False``) and holding every named permission, else refuse.

    Anonymous users go to the login page; users without a second factor go to MFA enrolment (and come back
    here afterwards), before any permission is even looked at; users without the permission get a 403.
    """
    return _gate(permissions, mfa=mfa, kind=GATE_STAFF)


def case_page_required(*permissions: str) -> Callable[[View], View]:
    """Gate for every page that shows case data of someone else: MFA is never optional here, and a user
    without the permissions gets a 404 (the same answer as for a case that does not exist)."""
    return _gate(("accounts.access_case_pages", *permissions), mfa=True, kind=GATE_CASE)
