from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from klankbord.accounts.permissions import staff_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest

from .constants import API_PERMISSION
from .forms import TokenCreateForm
from .selectors import token_get_for_user, tokens_for_user
from .services import token_create, token_revoke


@require_http_methods(["GET", "POST"])
@staff_page_required(API_PERMISSION)
def tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List, create and revoke one's own tokens. A new secret is rendered once, never stored or redirected."""
    form = TokenCreateForm(request.POST if request.method == "POST" else None, user=request.user)
    created, secret = None, ""
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = token_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = TokenCreateForm(user=request.user)
    context = {
        "form": form,
        "tokens": tokens_for_user(user=request.user),
        "created": created,
        "secret": secret,
    }
    response = render(request, "api/tokens.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@staff_page_required(API_PERMISSION)
def token_revoke_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = token_get_for_user(user=request.user, pk=pk)
    token_revoke(actor=request.user, token=token)
    messages.success(request, _("Het token ‘%(name)s’ is ingetrokken.") % {"name": token.name})
    return redirect("api:tokens")
