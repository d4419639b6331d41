from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from klankbord.accounts.permissions import staff_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest

from .dashboard import dashboard_panels
from .homes import HOME_SESSION_KEY, home_get, home_links, home_panels, homes_for, landing_for
from .navigation import HOME_ACTIONS, visible_items


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"actions": visible_items(request, HOME_ACTIONS)})


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "core/about.html")


@require_safe
@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "core/dashboard.html", {"panels": dashboard_panels(request.user)})


@require_safe
@login_required
def start(request: AuthenticatedHttpRequest) -> HttpResponse:
    """After login: the user's most specific home (or the one chosen last), else their reports or the public
    home."""
    homes = homes_for(request.user)
    if homes:
        chosen = request.session.get(HOME_SESSION_KEY)
        home = next((h for h in homes if h.slug == chosen), homes[0])
        return redirect("core:role_home", slug=home.slug)
    return redirect(landing_for(request.user) or "core:home")


@require_safe
@staff_page_required()
def role_home(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    home = home_get(slug)
    if home is None:
        raise Http404
    if not request.user.has_perm(home.permission):
        raise PermissionDenied
    request.session[HOME_SESSION_KEY] = home.slug
    context = {
        "home": home,
        "panels": home_panels(home, request.user),
        "links": home_links(home, request.user),
        "other_homes": [h for h in homes_for(request.user) if h.slug != home.slug],
    }
    return render(request, "core/role_home.html", context)


@require_safe
def brand_css(request: HttpRequest) -> HttpResponse:
    """The configured colours as overrides of the design tokens (``tokens.css``); same origin, so the CSP holds."""
    css = (
        ":root {\n"
        f"  --colour-brand: {settings.KLANKBORD_COLOUR_BRAND};\n"
        f"  --colour-brand-dark: {settings.KLANKBORD_COLOUR_BRAND_DARK};\n"
        "}\n"
    )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


def error_400(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # A body over the upload cap (klankbord.uploads.handlers) is refused unread: say why, as a 413.
    if isinstance(exception, RequestDataTooBig):
        return render(request, "400.html", {"too_large": True}, status=413)
    return render(request, "400.html", status=400)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    """The handler of every uncaught exception; an unreachable database answers 503 instead (core.unavailable).

    No context processors that could fail again: both pages are rendered from plain templates.
    """
    import sys

    from django.template import loader

    from .submissions import UNAVAILABLE, submission_outcome
    from .unavailable import unavailable_response

    if isinstance(sys.exc_info()[1], UNAVAILABLE):
        return unavailable_response(request)
    context = {"received": submission_outcome(request) == "received"}
    return HttpResponse(loader.get_template("500.html").render(context), status=500)
