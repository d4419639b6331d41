"""Every error the API answers is JSON, also those that never reach django-ninja's exception handlers.

Django's URL resolver answers an unknown path under the API with its HTML 404 page, and django-ninja answers a
method an endpoint does not have with a plain-text 405. This middleware turns any non-JSON error response under
the API's root into ``{"detail": …}`` with the same status, keeping the headers a client needs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


@cache
def api_root() -> str:
    return str(reverse("api:v1:api-root"))


def _detail(status: int) -> str:
    messages = {
        400: _("Ongeldig verzoek."),
        404: _("Niet gevonden."),
        405: _("Deze methode is niet toegestaan voor dit adres."),
        413: _("Het verzoek is te groot."),
        429: _("Te veel verzoeken. Probeer het later opnieuw."),
    }
    if status >= 500:
        return _("Er ging iets mis aan onze kant.")
    return messages.get(status, _("Het verzoek kon niet worden verwerkt."))


class ApiJsonErrorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code < 400 or not request.path.startswith(api_root()):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        answer = JsonResponse({"detail": _detail(response.status_code)}, status=response.status_code)
        for header in KEPT_HEADERS:
            if header in response:
                answer[header] = response[header]
        answer["Cache-Control"] = "no-store"
        return answer
