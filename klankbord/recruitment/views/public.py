"""Public pages (no login): open vacancies, the function profile and the application form."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_http_methods, require_safe

from klankbord.core.errors import DomainError
from klankbord.uploads.quota import upload_owner

from .. import selectors, services, throttle
from ..constants import COMPETENCE_GUIDANCE, RUBRIC_LEVELS, Competence
from ..forms import YEARS_FIELDS, ApplicationForm

if TYPE_CHECKING:
    from ..models import Vacancy


def _profile_context() -> dict[str, object]:
    competences = [(competence.label, COMPETENCE_GUIDANCE[competence]) for competence in Competence]
    return {"competences": competences, "rubric": RUBRIC_LEVELS, "time_guidance": selectors.time_guidance()}


@require_safe
def vacancy_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "recruitment/public/vacancy_list.html",
        {"vacancies": selectors.open_vacancies(), **_profile_context()},
    )


@require_safe
def function_profile(request: HttpRequest) -> HttpResponse:
    return render(request, "recruitment/public/function_profile.html", _profile_context())


@require_safe
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.vacancy_get_published(pk=pk)
    is_open = selectors.vacancy_is_open(vacancy=vacancy)
    context = {"vacancy": vacancy, "is_open": is_open, **_profile_context()}
    return render(request, "recruitment/public/vacancy_detail.html", context)


def _applicant_data(form: ApplicationForm) -> services.ApplicantData:
    data = form.cleaned_data
    language = translation.get_language() or "nl"
    return services.ApplicantData(
        name=data["name"],
        email=data["email"].strip().lower(),
        phone=data["phone"].strip(),
        home_municipality=data["home_municipality"],
        background_kind=data["background_kind"],
        background=data["background"].strip(),
        motivation=data["motivation"].strip(),
        consent_keep=bool(data["consent_keep"]),
        language="en" if language.startswith("en") else "nl",
        **{name: data[name] or 0 for name in YEARS_FIELDS},
    )


def _render_form(
    request: HttpRequest, vacancy: Vacancy, form: ApplicationForm, status: int = 200
) -> HttpResponse:
    context = {"vacancy": vacancy, "form": form, "pending_name": form.pending_name}
    return render(request, "recruitment/public/apply.html", context, status=status)


def _keep_checked_cv(request: HttpRequest, form: ApplicationForm) -> ApplicationForm:
    """The form had errors but a valid CV: keep it server-side so the re-shown form carries only its token."""
    data = cast(QueryDict, form.data).copy()  # bound from request.POST
    if form.checked_cv is not None:
        try:
            data["cv_token"] = services.pending_upload_store(cv=form.checked_cv, owner=upload_owner(request))
            form.pending_name = form.checked_cv.filename
        except DomainError as error:  # the storage failed: say so (once), keep the typed text, keep no token
            if not form.has_error(NON_FIELD_ERRORS, error.code):
                form.add_error(None, error)
            data["cv_token"] = ""
    else:
        pending = services.pending_upload_get(token=form.data.get("cv_token", ""))
        form.pending_name = pending.original_name if pending else ""
        if pending is None:
            data["cv_token"] = ""
    form.data = data  # the errors stay; the hidden token field now renders the (new) token
    return form


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.vacancy_get_public(pk=pk)
    if request.method == "GET":
        return _render_form(request, vacancy, ApplicationForm())
    if not throttle.attempt_allowed(request):
        return render(request, "recruitment/public/throttled.html", {"vacancy": vacancy}, status=429)
    form = ApplicationForm(request.POST, request.FILES)
    if form.is_valid():
        cv = form.checked_cv
        pending = None if cv else services.pending_upload_get(token=form.cleaned_data["cv_token"])
        if cv is None and pending is None:
            form.require_cv()
        else:
            cv = cv or services.pending_upload_take(pending=pending)  # type: ignore[arg-type]
            try:
                services.application_submit(vacancy=vacancy, data=_applicant_data(form), cv=cv)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                throttle.stored(request)
                return redirect("vacancies:thanks", pk=vacancy.pk)
    return _render_form(request, vacancy, _keep_checked_cv(request, form), status=400)


@require_safe
def thanks(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.vacancy_get(pk=pk)
    return render(request, "recruitment/public/thanks.html", {"vacancy": vacancy})
