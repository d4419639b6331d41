"""User administration in the app: list, invite, roles (four eyes), suspend, end, reset a lost second factor.

Thin views: a form parses, one service writes (and audits), the page redirects. The administrator needs
``accounts.manage_users``; confirming a grant needs ``accounts.confirm_role_grants`` (administrators and the
coordinator).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from klankbord.core.confirm import Confirmation, confirm_page, is_confirmed

from ..forms import InviteForm, MFAResetForm, UserRolesForm, UserSearchForm
from ..permissions import staff_page_required
from ..selectors import (
    authenticated_user,
    role_grant_for_decision,
    role_grants_of_user,
    role_grants_pending,
    user_for_admin,
    user_mfa_status,
    user_roles,
    user_status,
    users_search,
)
from ..services import (
    CONFIRM_PERMISSION,
    invitation_create,
    invitation_resend,
    role_grant_confirm,
    role_grant_refuse,
    user_end,
    user_mfa_reset,
    user_reactivate,
    user_set_roles,
    user_suspend,
)
from ..types import AuthenticatedHttpRequest

MANAGE = "accounts.manage_users"
PAGE_SIZE = 25


@staff_page_required(MANAGE)
@require_safe
def user_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = UserSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    users = users_search(
        query=filters.get("q", ""), role=filters.get("role", ""), status=filters.get("status", "")
    )
    page = Paginator(users, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    rows = [(user, user_status(user)) for user in page.object_list]
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, "accounts/users/list.html", context)


@staff_page_required(MANAGE)
@require_http_methods(["GET", "POST"])
def user_invite(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_create(actor=authenticated_user(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De uitnodiging is verstuurd."))
            return redirect("accounts:user", pk=invitation.user_id)
    return render(request, "accounts/users/invite.html", {"form": form})


@staff_page_required(MANAGE)
@require_safe
def user_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = user_for_admin(pk=pk)
    held = user_roles(person)
    context = {
        "person": person,
        "status": user_status(person),
        "roles": held,
        "grants": role_grants_of_user(person),
        "mfa": user_mfa_status(person),
        "roles_form": UserRolesForm(initial={"roles": held}),
        "reset_form": MFAResetForm(),
        "is_self": person.pk == request.user.pk,
    }
    return render(request, "accounts/users/detail.html", context)


def _done(request: AuthenticatedHttpRequest, pk: int, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("accounts:user", pk=pk)


def _refused(request: AuthenticatedHttpRequest, pk: int, error: ValidationError) -> HttpResponse:
    for message in error.messages:
        messages.error(request, message)
    return redirect("accounts:user", pk=pk)


@staff_page_required(MANAGE)
@require_POST
def user_roles_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = user_for_admin(pk=pk)
    form = UserRolesForm(request.POST)
    if not form.is_valid():
        return _refused(request, pk, ValidationError(_("Kies rollen uit de lijst.")))
    try:
        user_set_roles(actor=authenticated_user(request), user=person, roles=form.cleaned_data["roles"])
    except ValidationError as error:
        return _refused(request, pk, error)
    return _done(
        request,
        pk,
        _(
            "De rollen zijn opgeslagen. Een rol met toegang tot dossiers geldt pas na bevestiging "
            "door een tweede persoon."
        ),
    )


@staff_page_required(MANAGE)
@require_POST
def user_suspend_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = user_for_admin(pk=pk)
    if not is_confirmed(request):
        return confirm_page(
            request,
            Confirmation(
                title=_("Account opschorten?"),
                consequences=[
                    _("De persoon wordt direct uitgelogd en kan niet meer inloggen."),
                    _("Alle API-tokens van de persoon worden ingetrokken."),
                    _("U kunt het account later weer openen."),
                ],
                button=_("Opschorten"),
                cancel_url=reverse("accounts:user", kwargs={"pk": pk}),
            ),
        )
    try:
        user_suspend(actor=authenticated_user(request), user=person)
    except ValidationError as error:
        return _refused(request, pk, error)
    return _done(request, pk, _("Het account is opgeschort."))


@staff_page_required(MANAGE)
@require_POST
def user_reactivate_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = user_for_admin(pk=pk)
    try:
        user_reactivate(actor=authenticated_user(request), user=person)
    except ValidationError as error:
        return _refused(request, pk, error)
    return _done(request, pk, _("Het account is weer open."))


@staff_page_required(MANAGE)
@require_POST
def user_end_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = user_for_admin(pk=pk)
    if not is_confirmed(request):
        return confirm_page(
            request,
            Confirmation(
                title=_("Account beëindigen?"),
                consequences=[
                    _("De persoon wordt direct uitgelogd; alle API-tokens worden ingetrokken."),
                    _("Alle rollen worden ingetrokken. Het account gaat niet meer open."),
                    _("Wat de persoon vastlegde blijft bewaard, met de auditlog."),
                ],
                button=_("Beëindigen"),
                cancel_url=reverse("accounts:user", kwargs={"pk": pk}),
            ),
        )
    try:
        user_end(actor=authenticated_user(request), user=person)
    except ValidationError as error:
        return _refused(request, pk, error)
    return _done(request, pk, _("Het account is beëindigd."))


@staff_page_required(MANAGE)
@require_POST
def user_mfa_reset_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = user_for_admin(pk=pk)
    form = MFAResetForm(request.POST)
    if not form.is_valid():
        return _refused(request, pk, ValidationError(_("Vul in waarom de tweede factor wordt teruggezet.")))
    try:
        user_mfa_reset(actor=authenticated_user(request), user=person, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        return _refused(request, pk, error)
    return _done(
        request,
        pk,
        _("De tweede factor is teruggezet. De persoon stelt bij de volgende login een nieuwe in."),
    )


@staff_page_required(MANAGE)
@require_POST
def user_invite_resend(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    person = user_for_admin(pk=pk)
    try:
        invitation_resend(actor=authenticated_user(request), user=person)
    except ValidationError as error:
        return _refused(request, pk, error)
    return _done(request, pk, _("Er is een nieuwe uitnodiging verstuurd; de vorige link werkt niet meer."))


@staff_page_required(CONFIRM_PERMISSION)
@require_safe
def grants_pending(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(role_grants_pending(), PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(request, "accounts/users/grants.html", {"page": page, "me": request.user.pk})


@staff_page_required(CONFIRM_PERMISSION)
@require_POST
def grant_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    grant = role_grant_for_decision(pk=pk)
    decide = role_grant_confirm if request.POST.get("decision") == "confirm" else role_grant_refuse
    try:
        decide(actor=authenticated_user(request), grant=grant)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("De toekenning is bevestigd: de rol geldt nu.")
            if decide is role_grant_confirm
            else _("De toekenning is afgewezen."),
        )
    return redirect("accounts:grants")
