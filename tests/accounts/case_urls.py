"""Test-only URLconf: the real site plus a dummy case page and a dummy staff page.

The resolver walk in ``test_mfa_gate.py`` must find at least one case page, so it cannot pass vacuously before
the first real case page exists.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_safe

from klankbord.accounts.permissions import case_page_required, staff_page_required


@require_safe
@case_page_required()
def dummy_case_page(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse(f"dossier {pk}")


@staff_page_required("accounts.use_api", mfa=False)
def dummy_staff_page_without_mfa(request: HttpRequest) -> HttpResponse:
    return HttpResponse("staff")


urlpatterns = [
    path("test-dossier/<int:pk>/", dummy_case_page, name="test-case-page"),
    path("test-staff/", dummy_staff_page_without_mfa, name="test-staff-page"),
    path("", include("klankbord.urls")),
]
