"""The invitation page: set a password and link an authenticator app in one step, then go to one's home.

One flow, one password: the person proves the address by the link, chooses the password and enrols TOTP with
allauth's secret and code check; the service stores it all and the person is logged in (the second factor was
just shown to work), so no further password prompt follows. The recovery codes are shown once on the next page.
"""

from __future__ import annotations

import base64

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from django.conf import settings
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ..forms import InvitationAcceptForm
from ..selectors import invitation_user
from ..services import invitation_accept

BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def _qr(user_email_holder: object, secret: str) -> str:
    adapter = get_mfa_adapter()
    url = adapter.build_totp_url(user_email_holder, secret)
    svg = adapter.build_totp_svg(url)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    person = invitation_user(token=token)
    if person is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = InvitationAcceptForm(request.POST or None, user=person)
    if request.method == "POST" and form.is_valid():
        try:
            user, codes = invitation_accept(
                token=token, password=form.cleaned_data["password1"], totp_secret=form.secret
            )
        except ValidationError:
            return render(request, "accounts/invitation_invalid.html", status=404)
        login(request, user, backend=BACKEND)
        record_authentication(request, user, method="password")
        record_authentication(request, user, method="mfa", type="totp")
        request.session.pop("mfa.totp.secret", None)
        done = {"codes": codes, "next": settings.LOGIN_REDIRECT_URL}
        return render(request, "accounts/invitation_done.html", done)
    context: dict[str, object] = {
        "form": form,
        "person": person,
        "qr": _qr(person, form.secret),
        "secret": form.secret,
    }
    return render(request, "accounts/invitation.html", context)
