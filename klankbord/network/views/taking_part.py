"""The ambassador's network pages: invitations and answers, the calendar file, experiences for the return day.

The raw text of an experience only lives in the request that carries it to the confirm page: it is not stored,
not put in the session, not logged (``sensitive_post_parameters``). Only the confirmed, de-identified text is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from klankbord.accounts.permissions import staff_page_required
from klankbord.accounts.selectors import authenticated_user
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.ambassadors.selectors import ambassador_get_own
from klankbord.deidentify import DeidentificationError, deidentify

from ..calendar import gathering_ics, ics_filename, ics_mimetype
from ..forms import AnswerForm, ExperienceForm
from ..pack import pack_pdf
from ..permissions import TAKE_PART
from ..selectors import (
    experience_get_own,
    experiences_of,
    invitation_get_for_user,
    invitation_of_experience,
    invitations_of,
)
from ..services import experience_submit, experience_withdraw, invitation_respond

if TYPE_CHECKING:
    from ..models import Invitation

_FAILED = "Het anonimiseren lukte niet. Probeer het opnieuw, of laat de tekst weg."


@require_GET
@staff_page_required(TAKE_PART)
def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    ambassador = ambassador_get_own(user=request.user)
    upcoming, past = invitations_of(ambassador=ambassador)
    return render(request, "network/mine.html", {"upcoming": upcoming, "past": past})


def _invitation_page(
    request: HttpRequest,
    invitation: Invitation,
    form: AnswerForm | None = None,
    status: int = 200,
    experience_form: ExperienceForm | None = None,
) -> HttpResponse:
    context = {
        "invitation": invitation,
        "gathering": invitation.gathering,
        "form": form
        or AnswerForm(
            initial={"answer": invitation.response if invitation.response in ("yes", "maybe", "no") else None}
        ),
        "experiences": experiences_of(ambassador=invitation.ambassador, gathering=invitation.gathering),
        "experience_form": experience_form or ExperienceForm(),
    }
    return render(request, "network/invitation.html", context, status=status)


@require_http_methods(["GET", "POST"])
@staff_page_required(TAKE_PART)
def invitation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = invitation_get_for_user(user=request.user, pk=pk)
    if request.method == "GET":
        return _invitation_page(request, found)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answered = invitation_respond(
                actor=authenticated_user(request), invitation=found, answer=form.cleaned_data["answer"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Uw antwoord is opgeslagen: %(answer)s.") % {"answer": answered.get_response_display()},
            )
            return redirect("network:invitation", pk=pk)
    return _invitation_page(request, found, form=form, status=400)


@require_GET
@staff_page_required(TAKE_PART)
def invitation_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = invitation_get_for_user(user=request.user, pk=pk)
    response = HttpResponse(gathering_ics(found.gathering), content_type=ics_mimetype(found.gathering))
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(found.gathering)}"'
    return response


@require_POST
@staff_page_required(TAKE_PART)
@sensitive_post_parameters("text")
def experience_new(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Step 1: de-identify and show the result, editable, for the author to confirm (nothing stored yet)."""
    found = invitation_get_for_user(user=request.user, pk=pk)
    form = ExperienceForm(request.POST)
    if form.is_valid():
        try:
            result = deidentify(form.cleaned_data["text"])
        except DeidentificationError:
            form.add_error(None, _(_FAILED))
        else:
            confirm = ExperienceForm({"text": result.text})
            return render(
                request,
                "network/experience_confirm.html",
                {"invitation": found, "form": confirm, "result": result},
            )
    return _invitation_page(request, found, status=400, experience_form=form)


@require_POST
@staff_page_required(TAKE_PART)
@sensitive_post_parameters("text")
def experience_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Step 2: store exactly the confirmed text, if de-identification no longer changes it."""
    found = invitation_get_for_user(user=request.user, pk=pk)
    form = ExperienceForm(request.POST)
    if not form.is_valid():
        return _invitation_page(request, found, status=400, experience_form=form)
    ambassador = ambassador_get_own(user=request.user)
    try:
        experience_submit(
            actor=authenticated_user(request),
            gathering=found.gathering,
            ambassador=ambassador,
            text=form.cleaned_data["text"],
        )
    except ValidationError as refusal:
        try:  # e.g. the author's edit added something identifying: show the further de-identified text
            result = deidentify(form.cleaned_data["text"])
        except DeidentificationError:
            form.add_error(None, _(_FAILED))
            return _invitation_page(request, found, status=400, experience_form=form)
        context = {
            "invitation": found,
            "form": ExperienceForm({"text": result.text}),
            "result": result,
            "error": " ".join(refusal.messages),
        }
        return render(request, "network/experience_confirm.html", context, status=400)
    messages.success(request, _("Dank u. Uw ervaring is geanonimiseerd opgeslagen voor de leesmap."))
    return redirect("network:invitation", pk=pk)


@require_POST
@staff_page_required(TAKE_PART)
def experience_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    experience = experience_get_own(user=request.user, pk=pk)
    invitation = invitation_of_experience(experience=experience)
    experience_withdraw(actor=authenticated_user(request), experience=experience)
    messages.success(request, _("Uw ervaring is verwijderd."))
    return redirect("network:invitation", pk=invitation.pk) if invitation else redirect("network:mine")


@require_GET
@staff_page_required(TAKE_PART)
def invitation_pack(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The pre-read pack of a return day, for each invited ambassador (the same pack the coordinator gets)."""
    found = invitation_get_for_user(user=request.user, pk=pk)
    if not found.gathering.is_return_day:
        raise Http404
    response = HttpResponse(pack_pdf(found.gathering), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="leesmap-{found.gathering.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
