"""Load, time and debriefs: the ambassador's own page, the coordinator's overviews, the counsellor's list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from klankbord.accounts.permissions import staff_page_required
from klankbord.accounts.selectors import authenticated_user
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.ambassadors.constants import AmbassadorStatus
from klankbord.ambassadors.selectors import ambassador_get, ambassador_get_own, leave_on
from klankbord.core.exports import export_format, suppressed_marker, table_response

from ..figures import (
    TimeTable,
    hours_threshold,
    load_ratio_threshold,
    loads,
    median_hours_per_month,
    own_time,
    time_tables,
)
from ..forms import DebriefForm, DebriefStatusForm
from ..permissions import DEBRIEFS, FIGURES, TAKE_PART
from ..selectors import (
    ambassadors_for_loads,
    debrief_get,
    debrief_requests,
    markable_assignment_get,
    markable_assignments,
)
from ..services import (
    ambassador_pause_self,
    debrief_propose,
    debrief_request,
    debrief_update,
    load_flag_mark,
    pause_propose,
)


@require_GET
@staff_page_required(TAKE_PART)
def own(request: AuthenticatedHttpRequest) -> HttpResponse:
    ambassador = ambassador_get_own(user=request.user)
    assignments = markable_assignments(ambassador=ambassador, limit=20)
    context = {
        "ambassador": ambassador,
        "load": loads([ambassador])[0],
        "months": own_time(ambassador=ambassador),
        "assignments": assignments,
        "hours_threshold": hours_threshold(),
    }
    return render(request, "network/wellbeing.html", context)


@require_POST
@staff_page_required(TAKE_PART)
def mark_heavy(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    ambassador = ambassador_get_own(user=request.user)
    assignment = markable_assignment_get(ambassador=ambassador, pk=pk)
    try:
        load_flag_mark(actor=authenticated_user(request), assignment=assignment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("network:wellbeing")
    messages.success(
        request, _("Gemarkeerd als zware zaak. Praat erover met een vertrouwenspersoon als u dat wilt.")
    )
    return redirect("network:wellbeing")


@require_POST
@staff_page_required(TAKE_PART)
def ask_debrief(request: AuthenticatedHttpRequest) -> HttpResponse:
    ambassador = ambassador_get_own(user=request.user)
    form = DebriefForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else "own_wish"
    debrief_request(actor=authenticated_user(request), ambassador=ambassador, reason=reason)
    messages.success(request, _("Uw verzoek is doorgegeven. Een vertrouwenspersoon neemt contact met u op."))
    return redirect("network:wellbeing")


@require_POST
@staff_page_required(TAKE_PART)
def pause(request: AuthenticatedHttpRequest) -> HttpResponse:
    ambassador = ambassador_get_own(user=request.user)
    if ambassador.status == AmbassadorStatus.ENDED:
        messages.error(request, _("Uw ambassadeurschap is beëindigd; neem contact op met de coördinator."))
        return redirect("network:wellbeing")
    to_pause = request.POST.get("pause") == "1"
    ambassador_pause_self(actor=authenticated_user(request), ambassador=ambassador, pause=to_pause)
    messages.success(
        request,
        _("U bent gepauzeerd: u krijgt geen nieuwe verzoeken.")
        if to_pause
        else _("U bent weer beschikbaar."),
    )
    return redirect("network:wellbeing")


@require_GET
@staff_page_required(FIGURES)
def loads_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    ambassadors = ambassadors_for_loads()
    away = leave_on(ambassador_ids=[a.pk for a in ambassadors], day=timezone.localdate())
    rows = [(load, getattr(away.get(load.ambassador.pk), "ends_on", None)) for load in loads(ambassadors)]
    context = {"rows": rows, "ratio": load_ratio_threshold(), "hours": hours_threshold()}
    return render(request, "network/loads.html", context)


@require_GET
@staff_page_required(FIGURES)
def time_overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    tables = time_tables()
    fmt = export_format(request)
    if fmt:
        return _time_export(fmt, tables)
    context = {"tables": tables, "median": median_hours_per_month()}
    return render(request, "network/time.html", context)


def _time_export(fmt: str, tables: list[TimeTable]) -> HttpResponse:
    """Both tables (per region and per activity) in one: hours as on screen, hidden ones marked '<k'."""
    columns = tables[0].columns if tables else []
    header = [_("Tabel"), _("Rij"), *columns, _("Totaal")]
    rows = []
    for table in tables:
        hidden = suppressed_marker(table.k)
        for label, values, total in table.rows:
            cells = [hidden if value is None else value for value in values]
            rows.append([table.title, label, *cells, hidden if total is None else total])
    return table_response(fmt=fmt, basename="tijdsbesteding", header=header, rows=rows)


@require_GET
@staff_page_required()
def debriefs(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Counsellors handle the requests; the coordinator sees them (and their status) without the actions."""
    handles = request.user.has_perm(DEBRIEFS)
    if not (handles or request.user.has_perm(FIGURES)):
        raise PermissionDenied
    return render(request, "network/debriefs.html", {"requests": debrief_requests(), "can_handle": handles})


def _proposal(request: AuthenticatedHttpRequest, pk: int, *, pause: bool) -> HttpResponse:
    ambassador = ambassador_get(pk=pk)
    try:
        if pause:
            pause_propose(actor=authenticated_user(request), ambassador=ambassador)
        else:
            debrief_propose(actor=authenticated_user(request), ambassador=ambassador)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(name)s krijgt het voorstel om even pauze te nemen.") % {"name": ambassador.name}
            if pause
            else _("Een vertrouwenspersoon neemt contact op met %(name)s voor een nagesprek.")
            % {"name": ambassador.name},
        )
    return redirect("network:loads")


@require_POST
@staff_page_required(FIGURES)
def propose_debrief(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _proposal(request, pk, pause=False)


@require_POST
@staff_page_required(FIGURES)
def propose_pause(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _proposal(request, pk, pause=True)


@require_POST
@staff_page_required(DEBRIEFS)
def debrief_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = debrief_get(pk=pk)
    form = DebriefStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een status."))
        return redirect("network:debriefs")
    try:
        debrief_update(actor=authenticated_user(request), request=found, status=form.cleaned_data["status"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De status is bijgewerkt."))
    return redirect("network:debriefs")
