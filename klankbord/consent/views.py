"""Consent changes: by the member in their portal, or by a counsellor on the member's behalf."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from klankbord.accounts.permissions import case_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.core.confirm import Confirmation, confirm_page, is_confirmed
from klankbord.core.errors import DomainError
from klankbord.reports.permissions import Viewer
from klankbord.reports.selectors import report_get_for_counsellor, report_get_for_reporter

from .constants import Method, Purpose
from .forms import ConsentChangeForm, OnBehalfConsentForm
from .selectors import consent_allows
from .services import consent_grant, consent_withdraw

WITHDRAWAL_CONSEQUENCES = {
    Purpose.CONNECT_AMBASSADOR: (
        _lazy("Een open verzoek aan een regioambassadeur vervalt; de ambassadeur hoort dat zonder inhoud."),
        _lazy("Een lopende begeleiding stopt: de ambassadeur ziet de melding niet meer."),
        _lazy("Opnieuw toestemming geven koppelt niet vanzelf: daarvoor is een nieuwe koppeling nodig."),
    ),
    Purpose.SHARE_FIELDS: (
        _lazy("De ambassadeur ziet geen gegevens uit de melding meer en ook de berichten niet."),
        _lazy("De begeleiding zelf loopt door zolang er toestemming voor contact is."),
    ),
    Purpose.AFTERCARE_CONTACT: (
        _lazy("Geplande nazorgmomenten vervallen en er wordt geen nazorg meer vastgelegd."),
    ),
    Purpose.ANONYMOUS_SIGNALS: (
        _lazy("Bij het afsluiten wordt de melding niet geanonimiseerd meegeteld in de signalen."),
    ),
}


def _confirm_withdrawal(
    request: HttpRequest, form: ConsentChangeForm, *, report: Any, cancel_url: str
) -> HttpResponse | None:
    """The confirmation page for withdrawing a consent that holds; None when there is nothing to ask.

    A change that is invalid, a grant, or a withdrawal of a consent that does not hold goes straight to
    ``_apply``, which explains the refusal.
    """
    if not form.is_valid() or form.cleaned_data["action"] == "grant" or is_confirmed(request):
        return None
    purpose = Purpose(form.cleaned_data["purpose"])
    if not consent_allows(report=report, purpose=purpose):
        return None
    return confirm_page(
        request,
        Confirmation(
            title=_("Toestemming intrekken: %(purpose)s?") % {"purpose": purpose.label},
            consequences=(
                _("Dit geldt per direct."),
                *(str(text) for text in WITHDRAWAL_CONSEQUENCES[purpose]),
            ),
            button=_("Ja, trek deze toestemming in"),
            cancel_url=cancel_url,
        ),
    )


def _apply(request: HttpRequest, form: ConsentChangeForm, *, report: Any, actor: Any, method: str) -> None:
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return
    purpose, on_behalf = form.cleaned_data["purpose"], method != Method.ONLINE
    try:
        if form.cleaned_data["action"] == "grant":
            consent_grant(
                report=report,
                purpose=purpose,
                actor=actor,
                method=method,
                on_behalf=on_behalf,
                fields=form.cleaned_data["share_fields"],
            )
            messages.success(request, _("De toestemming is vastgelegd."))
        else:
            consent_withdraw(report=report, purpose=purpose, actor=actor, method=method, on_behalf=on_behalf)
            messages.success(request, _("De toestemming is ingetrokken. Dit geldt per direct."))
    except DomainError as exc:
        messages.error(request, str(exc))


@require_POST
def member_change(request: HttpRequest, pk: int) -> HttpResponse:
    """The member grants or withdraws consent themselves (account or receipt-code session)."""
    viewer = Viewer.from_request(request)
    report = report_get_for_reporter(viewer=viewer, pk=pk)
    form = ConsentChangeForm(request.POST)
    back = reverse("reports:portal_detail", kwargs={"pk": report.pk}) + "#toestemming"
    asked = _confirm_withdrawal(request, form, report=report, cancel_url=back)
    if asked is not None:
        return asked
    _apply(request, form, report=report, actor=viewer.account, method=Method.ONLINE)
    return redirect(back)


@require_POST
@case_page_required("reports.view_report", "consent.add_consentrecord")
def on_behalf_change(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A counsellor records what the member said by phone, e-mail or in person (the method is recorded)."""
    report = report_get_for_counsellor(user=request.user, pk=pk)
    form = OnBehalfConsentForm(request.POST)
    method = request.POST.get("method", "")
    back = reverse("reports:case", kwargs={"pk": report.pk}) + "#toestemming"
    if method not in {m.value for m in Method} - {Method.ONLINE}:
        messages.error(request, _("Leg vast hoe de melder dit doorgaf."))
        return redirect(back)
    asked = _confirm_withdrawal(request, form, report=report, cancel_url=back)
    if asked is not None:
        return asked
    _apply(request, form, report=report, actor=request.user, method=method)
    return redirect(back)
