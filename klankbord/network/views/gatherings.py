"""The coordinator's gathering pages: plan, invite, see the answers, register attendance, the pre-read pack."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from klankbord.accounts.permissions import staff_page_required
from klankbord.accounts.selectors import authenticated_user
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.core.confirm import Confirmation, confirm_page, is_confirmed
from klankbord.core.exports import export_format, table_response
from klankbord.core.lists import ListSpec, Sort, list_query, paginate

from ..constants import Response
from ..forms import AttendanceForm, GatheringForm
from ..pack import pack_pdf
from ..permissions import MANAGE
from ..selectors import gathering_get, gathering_invitations, gatherings_listed, gatherings_overview
from ..services import (
    attendance_record,
    gathering_cancel,
    gathering_create,
    gathering_invite,
    gathering_update,
)

GATHERING_LIST = ListSpec(
    sorts=(
        Sort("date", gettext_lazy("Datum"), ("starts_at",)),
        Sort("title", gettext_lazy("Bijeenkomst"), ("title",)),
        Sort("invited", gettext_lazy("Uitgenodigd"), ("invited",)),
    ),
    default_sort="date",
    keep=("wanneer",),
    search_help=gettext_lazy("Titel, regio of soort. Van en tot: de dag van de bijeenkomst."),
)

if TYPE_CHECKING:
    from ..models import Gathering, Invitation


@require_GET
@staff_page_required(MANAGE)
def gatherings(request: AuthenticatedHttpRequest) -> HttpResponse:
    past = request.GET.get("wanneer") == "geweest"
    query = list_query(request, GATHERING_LIST)
    if past and "sort" not in request.GET:  # the most recent first
        query = replace(query, sort="-date", order_by=GATHERING_LIST.sort_fields("-date"))
    rows = gatherings_listed(
        upcoming=not past, q=query.q, since=query.since, until=query.until, order_by=query.order_by
    )
    fmt = export_format(request)
    if fmt:  # every gathering (planned and past), as the coordinator's register
        upcoming, done = gatherings_overview()
        return _gatherings_export(fmt, [*upcoming, *done])
    listing = paginate(request, rows, GATHERING_LIST, query)
    return render(request, "network/gatherings.html", {"listing": listing, "past": past, "query": ""})


def _gatherings_export(fmt: str, gatherings: list[Gathering]) -> HttpResponse:
    header = [
        _("Bijeenkomst"),
        _("Soort"),
        _("Regio"),
        _("Datum"),
        _("Uitgenodigd"),
        _("Ja"),
        _("Plaatsen"),
        _("Misschien"),
        _("Nee"),
        _("Wachtlijst"),
        _("Aanwezig"),
    ]
    rows = [
        [
            g.title,
            g.get_kind_display(),
            g.region.name if g.region else "",
            timezone.localdate(g.starts_at),
            getattr(g, "invited", None),
            getattr(g, "yes", None),
            g.capacity,
            getattr(g, "maybe", None),
            getattr(g, "no", None),
            getattr(g, "waitlist", None),
            getattr(g, "present", None),
        ]
        for g in gatherings
    ]
    return table_response(fmt=fmt, basename="bijeenkomsten", header=header, rows=rows)


def _attendance_export(fmt: str, gathering: Gathering, invitations: list[Invitation]) -> HttpResponse:
    header = [_("Bijeenkomst"), _("Datum"), _("Ambassadeur"), _("Antwoord"), _("Aanwezig")]
    day = timezone.localdate(gathering.starts_at)
    rows = [
        [gathering.title, day, i.ambassador.name, i.get_response_display(), i.attended] for i in invitations
    ]
    return table_response(fmt=fmt, basename=f"aanwezigheid-{gathering.pk}", header=header, rows=rows)


@require_http_methods(["GET", "POST"])
@staff_page_required(MANAGE)
def gathering_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = GatheringForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            gathering = gathering_create(actor=authenticated_user(request), data=form.to_input())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De bijeenkomst is gepland. Nodig nu de ambassadeurs uit."))
            return redirect("network:gathering", pk=gathering.pk)
    return render(
        request, "network/gathering_form.html", {"form": form}, status=400 if form.is_bound else 200
    )


def _detail(
    request: HttpRequest, pk: int, attendance_form: AttendanceForm | None = None, status: int = 200
) -> HttpResponse:
    gathering = gathering_get(pk=pk)
    invitations = gathering_invitations(gathering=gathering)
    fmt = export_format(request) if request.method == "GET" else None
    if fmt:
        return _attendance_export(fmt, gathering, invitations)
    started = gathering.starts_at <= timezone.now()
    recorded = any(i.attended is not None for i in invitations)
    # Before attendance is taken, those who said yes are ticked: at the door one unticks who did not come.
    present = [i.pk for i in invitations if (i.attended if recorded else i.response == Response.YES)]
    form = attendance_form or AttendanceForm(invitations=invitations, initial={"present": present})
    context = {
        "gathering": gathering,
        "invitations": invitations,
        "started": started,
        "attendance_open": not gathering.is_cancelled
        and timezone.localdate(gathering.starts_at) <= timezone.localdate(),
        "attendance_form": form,
    }
    return render(request, "network/gathering_detail.html", context, status=status)


@require_GET
@staff_page_required(MANAGE)
def gathering_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


@require_POST
@staff_page_required(MANAGE)
def invite(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    gathering = gathering_get(pk=pk)
    try:
        count = gathering_invite(actor=authenticated_user(request), gathering=gathering)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext("%(n)d ambassadeur uitgenodigd.", "%(n)d ambassadeurs uitgenodigd.", count)
            % {"n": count}
            if count
            else _("Iedereen is al uitgenodigd."),
        )
    return redirect("network:gathering", pk=pk)


@require_POST
@staff_page_required(MANAGE)
def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    gathering = gathering_get(pk=pk)
    invitations = gathering_invitations(gathering=gathering)
    form = AttendanceForm(request.POST, invitations=invitations)
    if form.is_valid():
        try:
            count = attendance_record(
                actor=authenticated_user(request),
                gathering=gathering,
                present_ids=set(form.cleaned_data["present"]),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Aanwezigheid vastgelegd: %(n)d aanwezig.") % {"n": count})
            return redirect("network:gathering", pk=pk)
    return _detail(request, pk, attendance_form=form, status=400)


@require_GET
@staff_page_required(MANAGE)
def pack(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    gathering = gathering_get(pk=pk)
    response = HttpResponse(pack_pdf(gathering), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="leesmap-{gathering.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@staff_page_required(MANAGE)
def gathering_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Change time, place, agenda, title or capacity; the invited get the updated calendar entry."""
    gathering = gathering_get(pk=pk)
    form = GatheringForm.for_gathering(gathering, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            changed = gathering_update(
                actor=authenticated_user(request), gathering=gathering, data=form.to_input()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("De bijeenkomst is gewijzigd; de genodigden krijgen de nieuwe gegevens.")
                if changed
                else _("Er is niets gewijzigd."),
            )
            return redirect("network:gathering", pk=pk)
    context = {"form": form, "gathering": gathering}
    return render(request, "network/gathering_form.html", context, status=400 if form.errors else 200)


@require_POST
@staff_page_required(MANAGE)
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    gathering = gathering_get(pk=pk)
    if not is_confirmed(request):
        return confirm_page(
            request,
            Confirmation(
                title=_("Bijeenkomst annuleren?"),
                consequences=(
                    _("De bijeenkomst gaat niet door; dat kan niet ongedaan worden gemaakt."),
                    _(
                        "Iedereen die is uitgenodigd en niet heeft afgezegd, krijgt een e-mail en een annulering "
                        "voor de agenda."
                    ),
                ),
                button=_("Ja, annuleer de bijeenkomst"),
                cancel_url=reverse("network:gathering", kwargs={"pk": pk}),
            ),
        )
    try:
        told = gathering_cancel(actor=authenticated_user(request), gathering=gathering)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("De bijeenkomst is geannuleerd; %(n)d genodigden hebben bericht gekregen.") % {"n": told},
        )
    return redirect("network:gathering", pk=pk)
