"""The ambassador's own profile: availability, languages, party consent, pause, leave and conflicts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from klankbord.accounts.permissions import staff_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.geo.forms import party_form_initial

from ..constants import AmbassadorStatus
from ..forms import OwnProfileForm, PartyForm, StatusForm
from ..permissions import OWN_PROFILE
from ..selectors import ambassador_get_own, conflict_get, leave_get
from ..services import (
    ambassador_own_update,
    ambassador_party_set,
    ambassador_set_status,
    conflict_delete,
    leave_delete,
)
from .common import profile_context, try_conflict_add, try_leave_add

if TYPE_CHECKING:
    from ..models import Ambassador

# An ambassador can pause and resume themselves; ending the ambassadorship goes through the coordinator.
OWN_STATUSES = [AmbassadorStatus.ACTIVE.value, AmbassadorStatus.PAUSED.value]


def _page(request: HttpRequest, ambassador: Ambassador, status: int = 200, **forms: Any) -> HttpResponse:
    context = profile_context(ambassador, **forms)
    context["profile_form"] = forms.get("profile_form") or OwnProfileForm(
        prefix="profile",
        initial={f: getattr(ambassador, f) for f in ("gender", "languages", "availability_note")},
    )
    context["party_form"] = forms.get("party_form") or PartyForm(
        prefix="party",
        initial={
            "consent": bool(ambassador.party_consent_at),
            **party_form_initial(ambassador.party, "party"),
        },
        municipality_id=ambassador.home_municipality_id,
    )
    target = AmbassadorStatus.PAUSED if ambassador.is_active else AmbassadorStatus.ACTIVE
    context["status_target"] = target if ambassador.status in OWN_STATUSES else None
    return render(request, "ambassadors/own.html", context, status=status)


@require_http_methods(["GET", "POST"])
@staff_page_required(OWN_PROFILE)
def own(request: AuthenticatedHttpRequest) -> HttpResponse:
    ambassador = ambassador_get_own(user=request.user)
    if request.method == "GET":
        return _page(request, ambassador)
    form = OwnProfileForm(request.POST, prefix="profile")
    if not form.is_valid():
        return _page(request, ambassador, status=400, profile_form=form)
    ambassador_own_update(actor=request.user, ambassador=ambassador, data=form.cleaned_data)
    messages.success(request, _("Uw gegevens zijn opgeslagen."))
    return redirect("ambassadors:own")


@require_POST
@staff_page_required(OWN_PROFILE)
def party(request: AuthenticatedHttpRequest) -> HttpResponse:
    ambassador = ambassador_get_own(user=request.user)
    form = PartyForm(request.POST, prefix="party", municipality_id=ambassador.home_municipality_id)
    if not form.is_valid():
        return _page(request, ambassador, status=400, party_form=form)
    consent = form.cleaned_data["consent"]
    ambassador_party_set(
        actor=request.user, ambassador=ambassador, consent=consent, party=form.cleaned_data["party_value"]
    )
    messages.success(
        request, _("Uw partij is vastgelegd.") if consent else _("Er staat geen partij (meer) van u.")
    )
    return redirect("ambassadors:own")


@require_POST
@staff_page_required(OWN_PROFILE)
def own_status(request: AuthenticatedHttpRequest) -> HttpResponse:
    ambassador = ambassador_get_own(user=request.user)
    form = StatusForm(request.POST, prefix="status", allowed=OWN_STATUSES)
    if not form.is_valid() or ambassador.status not in OWN_STATUSES:
        messages.error(request, _("Deze statuswijziging kan niet. Neem contact op met de coördinator."))
        return redirect("ambassadors:own")
    open_cases = ambassador_set_status(actor=request.user, ambassador=ambassador, **form.cleaned_data)
    if ambassador.is_active:
        messages.success(request, _("Welkom terug: u kunt weer gevraagd worden."))
    else:
        messages.success(request, _("U bent gepauzeerd: u krijgt geen nieuwe verzoeken."))
    if open_cases:
        messages.info(
            request,
            ngettext(
                "De vertrouwenspersoon draagt uw %(n)d lopende zaak over aan een andere ambassadeur.",
                "De vertrouwenspersoon draagt uw %(n)d lopende zaken over aan een andere ambassadeur.",
                len(open_cases),
            )
            % {"n": len(open_cases)},
        )
    return redirect("ambassadors:own")


@require_POST
@staff_page_required(OWN_PROFILE)
def own_leave_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    ambassador = ambassador_get_own(user=request.user)
    form = try_leave_add(request, ambassador)
    if form is not None:
        return _page(request, ambassador, status=400, leave_form=form)
    messages.success(request, _("Uw verlof is vastgelegd."))
    return redirect("ambassadors:own")


@require_POST
@staff_page_required(OWN_PROFILE)
def own_leave_delete(request: AuthenticatedHttpRequest, leave_pk: int) -> HttpResponse:
    ambassador = ambassador_get_own(user=request.user)
    leave_delete(actor=request.user, leave=leave_get(ambassador_id=ambassador.pk, pk=leave_pk))
    messages.success(request, _("De verlofperiode is verwijderd."))
    return redirect("ambassadors:own")


@require_POST
@staff_page_required(OWN_PROFILE)
def own_conflict_add(request: AuthenticatedHttpRequest) -> HttpResponse:
    ambassador = ambassador_get_own(user=request.user)
    form = try_conflict_add(request, ambassador)
    if form is not None:
        return _page(request, ambassador, status=400, conflict_form=form)
    messages.success(request, _("Het belangenconflict is vastgelegd."))
    return redirect("ambassadors:own")


@require_POST
@staff_page_required(OWN_PROFILE)
def own_conflict_delete(request: AuthenticatedHttpRequest, conflict_pk: int) -> HttpResponse:
    ambassador = ambassador_get_own(user=request.user)
    conflict = conflict_get(ambassador_id=ambassador.pk, pk=conflict_pk)
    conflict_delete(actor=request.user, conflict=conflict)
    messages.success(request, _("Het belangenconflict is verwijderd."))
    return redirect("ambassadors:own")
