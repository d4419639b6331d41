from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from klankbord.accounts.types import AuthenticatedHttpRequest

from ..adapters import PREVIOUS_LOGIN_SESSION_KEY
from ..forms import ProfileForm
from ..permissions import MFA_NEXT_SESSION_KEY, safe_next_url
from ..selectors import authenticated_user, user_mfa_status, user_roles
from ..services import user_update_profile


def _set_language(response: HttpResponse, language: str) -> None:
    """The interface follows the preferred language from the next page on (cookie read by LocaleMiddleware)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )


def _previous_login(request: HttpRequest) -> datetime | None:
    """When this user logged in before the current session (stored at login by the account adapter)."""
    value = request.session.get(PREVIOUS_LOGIN_SESSION_KEY)
    try:
        return datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


@require_http_methods(["GET", "POST"])
@login_required
def profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    """One's own profile: name and language (editable), second factors, roles and last login (read only)."""
    user = authenticated_user(request)  # login_required
    initial = {"display_name": user.display_name, "preferred_language": user.preferred_language}
    form = ProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user_update_profile(user=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            language = form.cleaned_data["preferred_language"]
            translation.activate(language)
            messages.success(request, _("Uw profiel is opgeslagen."))
            response = redirect("accounts:profile")
            _set_language(response, language)
            return response
    context = {
        "form": form,
        "mfa": user_mfa_status(user),
        "roles": user_roles(user),
        "previous_login": _previous_login(request),
    }
    return render(request, "accounts/profile.html", context)


@require_safe
@login_required
def continue_after_mfa(request: AuthenticatedHttpRequest) -> HttpResponse:
    """After MFA enrolment: go on to the page the user was heading for, if it is one of ours; else home."""
    target = safe_next_url(request, request.session.pop(MFA_NEXT_SESSION_KEY, None))
    return redirect(target or "core:start")
