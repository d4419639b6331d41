"""Every audit entry written while serving a request carries the client's address."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from klankbord.audit.context import client_address
from klankbord.core.throttle import client_ip


class ClientAddressMiddleware:
    """Bind the client address (read through ``ALLAUTH_TRUSTED_PROXY_COUNT``, like the login limits) to the
    audit context for this request, so a service need not be handed the request to record it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with client_address(client_ip(request)):
            return self.get_response(request)
