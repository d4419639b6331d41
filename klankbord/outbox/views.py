"""The administrator's outbox page: failed and waiting deliveries, re-send or set aside (both audited)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from klankbord.accounts.permissions import staff_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.core.errors import DomainError

from . import services
from .permissions import MANAGE_MAIL
from .selectors import PAGE_LIMIT, mails_failed_unhandled, mails_waiting, outbox_health


@require_safe
@staff_page_required(MANAGE_MAIL)
def mail_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "failed": list(mails_failed_unhandled()[:PAGE_LIMIT]),
        "waiting": list(mails_waiting()[:PAGE_LIMIT]),
        "health": outbox_health(),
        "limit": PAGE_LIMIT,
    }
    return render(request, "outbox/mail_list.html", context)


@require_POST
@staff_page_required(MANAGE_MAIL)
def mail_resend(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    try:
        services.mail_resend(actor=request.user, mail_id=pk)
    except DomainError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("De mail staat opnieuw klaar om te worden verstuurd."))
    return redirect("outbox:list")


@require_POST
@staff_page_required(MANAGE_MAIL)
def mail_dismiss(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    try:
        services.mail_dismiss(actor=request.user, mail_id=pk)
    except DomainError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("De mail is afgehandeld zonder opnieuw te versturen."))
    return redirect("outbox:list")
