"""Coverage per region, targets and vacancies (coordinator, ``recruitment.manage_coverage``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from klankbord.accounts.permissions import staff_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.core.exports import Cell, export_format, table_response
from klankbord.geo.selectors import active_region_get

from .. import selectors, services
from ..constants import SEATS_PER_AMBASSADOR, SEATS_PER_MUNICIPALITY
from ..coverage import CoverageRow
from ..forms import TargetForm, TimeGuidanceForm, VacancyOpenForm
from ..permissions import MANAGE_COVERAGE

if TYPE_CHECKING:
    from klankbord.geo.models import Region


def _active_region(pk: int) -> Region:
    return active_region_get(pk=pk)


@require_safe
@staff_page_required(MANAGE_COVERAGE)
def coverage(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = selectors.coverage_overview()
    fmt = export_format(request)
    if fmt:
        return _coverage_export(fmt, rows)
    context = {
        "rows": rows,
        "gap_count": sum(1 for row in rows if row.has_gap),
        "to_confirm": [row for row in rows if row.needs_confirmation],
        "vacancies": selectors.open_vacancies_for_staff(),
        "seats_per_municipality": SEATS_PER_MUNICIPALITY,
        "seats_per_ambassador": SEATS_PER_AMBASSADOR,
    }
    return render(request, "recruitment/staff/coverage.html", context)


def _coverage_export(fmt: str, rows: Sequence[CoverageRow]) -> HttpResponse:
    header = [
        _("Regio"),
        _("Gemeenten"),
        _("Meldingen (12 mnd)"),
        pgettext("streefaantal", "Doel"),
        _("Actief"),
        _("Open tekorten uit koppeling"),
        _("Tekort"),
        _("Vacature open"),
    ]
    lines: list[list[Cell]] = [
        [
            row.region_name,
            row.municipality_count,
            row.recent_reports,
            row.target,
            row.active,
            row.open_gaps,
            row.shortfall if row.has_gap else 0,
            bool(row.open_vacancy_pk),
        ]
        for row in rows
    ]
    return table_response(fmt=fmt, basename="dekking", header=header, rows=lines)


@require_http_methods(["GET", "POST"])
@staff_page_required(MANAGE_COVERAGE)
def region_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One region: its coverage, its own target and (for a gap) the confirmation that opens a vacancy."""
    region = _active_region(pk)
    row = selectors.coverage_row(region_pk=region.pk)
    target_form = TargetForm(prefix="target", initial={"target": row.custom_target})
    vacancy_form = VacancyOpenForm(prefix="vacancy", initial={"positions": row.suggested_positions})
    status = 200
    if request.method == "POST":
        if "target-target" in request.POST:
            target_form = TargetForm(request.POST, prefix="target")
            if target_form.is_valid():
                return _set_target(request, region, target_form)
        else:
            vacancy_form = VacancyOpenForm(request.POST, prefix="vacancy")
            if vacancy_form.is_valid():
                response = _open_vacancy(request, region, vacancy_form)
                if response is not None:
                    return response
        status = 400
    context = {"region": region, "row": row, "target_form": target_form, "vacancy_form": vacancy_form}
    return render(request, "recruitment/staff/region.html", context, status=status)


def _set_target(request: AuthenticatedHttpRequest, region: Region, form: TargetForm) -> HttpResponse:
    services.coverage_target_set(actor=request.user, region=region, target=form.cleaned_data["target"])
    messages.success(request, _("Het doel voor %(region)s is opgeslagen.") % {"region": region.name})
    return redirect("recruitment:region", pk=region.pk)


def _open_vacancy(
    request: AuthenticatedHttpRequest, region: Region, form: VacancyOpenForm
) -> HttpResponse | None:
    try:
        services.vacancy_open(
            actor=request.user,
            region=region,
            positions=form.cleaned_data["positions"],
            closes_on=form.cleaned_data["closes_on"],
        )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return None
    messages.success(request, _("De vacature voor %(region)s staat open.") % {"region": region.name})
    return redirect("recruitment:coverage")


@require_POST
@staff_page_required(MANAGE_COVERAGE)
def vacancy_close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.vacancy_get(pk=pk)
    if services.vacancy_close(actor=request.user, vacancy=vacancy):
        messages.success(
            request, _("De vacature voor %(region)s is gesloten.") % {"region": vacancy.region.name}
        )
    return redirect("recruitment:coverage")


@require_POST
@staff_page_required(MANAGE_COVERAGE)
def time_guidance(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Write the measured time commitment (from the network's time page) into the vacancy texts."""
    form = TimeGuidanceForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, " ".join(str(message) for errors in form.errors.values() for message in errors)
        )
        return redirect("network:time")
    try:
        guidance = services.time_guidance_set(
            actor=request.user, hours_per_month=form.cleaned_data["hours_per_month"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("network:time")
    messages.success(
        request,
        _("De vacaturetekst noemt nu gemiddeld %(hours)s uur per maand.")
        % {"hours": formats.number_format(guidance.hours_per_month, 1)},
    )
    return redirect("network:time")
