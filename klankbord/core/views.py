from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from klankbord.accounts.types import AuthenticatedHttpRequest

from .dashboard import dashboard_panels
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
