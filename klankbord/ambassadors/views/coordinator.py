"""The coordinator's pages: every profile, its regions, status, leave and declared conflicts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from klankbord.accounts.permissions import staff_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.core.exports import export_format, table_response
from klankbord.core.lists import ListSpec, Sort, list_query, paginate
from klankbord.geo.selectors import active_scheme

from ..constants import AmbassadorStatus
from ..forms import ProfileCreateForm, ProfileForm, StatusForm
from ..permissions import MANAGE
from ..selectors import (
    AmbassadorRow,
    absences_by_region,
    ambassador_get,
    ambassador_rows_for,
    ambassadors_listed,
    ambassadors_with_stale_regions,
    conflict_get,
    leave_get,
    time_total_minutes,
)
from ..services import (
    ambassador_create,
    ambassador_regions_realign,
    ambassador_regions_set,
    ambassador_set_status,
    ambassador_update,
    conflict_delete,
    leave_delete,
)
from .common import add_errors, profile_context, try_conflict_add, try_leave_add

AMBASSADOR_LIST = ListSpec(
    sorts=(
        Sort("name", gettext_lazy("Naam"), ("user__display_name",)),
        Sort("home", gettext_lazy("Woongemeente"), ("home_municipality__name",)),
        Sort("status", gettext_lazy("Status"), ("status",)),
        Sort("capacity", gettext_lazy("Bezetting"), ("capacity",)),
    ),
    default_sort="name",
    filters=("status",),
    search_help=gettext_lazy("Naam, woongemeente of regio."),
    period=False,
)


@require_safe
@staff_page_required(MANAGE)
def ambassador_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in AmbassadorStatus.values:
        status = ""
    scheme = active_scheme()
    query = list_query(request, AMBASSADOR_LIST)
    filtered = ambassadors_listed(status=status or None, q=query.q, order_by=query.order_by)
    fmt = export_format(request)
    if fmt:  # the whole filtered list, not one page
        return _ambassadors_export(fmt, ambassador_rows_for(list(filtered), scheme=scheme))
    listing = paginate(request, filtered, AMBASSADOR_LIST, query)
    context = {
        "rows": ambassador_rows_for(listing.rows, scheme=scheme),
        "listing": listing,
        "query": request.GET.urlencode(),
        "scheme": scheme,
        "statuses": AmbassadorStatus.choices,
        "status": status,
        "stale_count": ambassadors_with_stale_regions(scheme=scheme).count(),
    }
    return render(request, "ambassadors/list.html", context)


def _ambassadors_export(fmt: str, rows: list[AmbassadorRow]) -> HttpResponse:
    """The list as on screen: name, home municipality, regions, status, open cases and capacity."""
    header = [_("Naam"), _("Woongemeente"), _("Regio's"), _("Status"), _("Open casussen"), _("Capaciteit")]
    lines = [
        [
            row.ambassador.name,
            row.ambassador.home_municipality.name,
            ", ".join(row.regions),
            row.ambassador.get_status_display(),
            getattr(row.ambassador, "open_cases", None),  # annotated by the selector
            row.ambassador.capacity,
        ]
        for row in rows
    ]
    return table_response(fmt=fmt, basename="ambassadeurs", header=header, rows=lines)


@require_http_methods(["GET", "POST"])
@staff_page_required(MANAGE)
def ambassador_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ProfileCreateForm(
        request.POST or None, prefix="profile", initial={"capacity": 3, "started_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.profile_data()
        try:
            with transaction.atomic():
                ambassador = ambassador_create(
                    actor=request.user,
                    user=form.cleaned_data["user"],
                    home_municipality=data.pop("home_municipality"),
                    data=data,
                )
                ambassador_regions_set(
                    actor=request.user, ambassador=ambassador, regions=form.cleaned_data["extra_regions"]
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Het profiel van %(name)s is aangemaakt.") % {"name": ambassador.name}
            )
            return redirect("ambassadors:detail", pk=ambassador.pk)
    return render(
        request, "ambassadors/edit.html", {"form": form, "creating": True}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@staff_page_required(MANAGE)
def ambassador_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    ambassador = ambassador_get(pk=pk)
    form = ProfileForm(request.POST or None, prefix="profile", initial=ProfileForm.initial_for(ambassador))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                ambassador_update(actor=request.user, ambassador=ambassador, data=form.profile_data())
                ambassador_regions_set(
                    actor=request.user, ambassador=ambassador, regions=form.cleaned_data["extra_regions"]
                )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Het profiel is opgeslagen."))
            return redirect("ambassadors:detail", pk=ambassador.pk)
    context = {"form": form, "ambassador": ambassador, "creating": False}
    return render(request, "ambassadors/edit.html", context, status=400 if form.errors else 200)


def _detail(request: HttpRequest, pk: int, status: int = 200, **forms: Any) -> HttpResponse:
    ambassador = ambassador_get(pk=pk)
    today = timezone.localdate()
    context = profile_context(ambassador, **forms)
    context["status_form"] = forms.get("status_form") or StatusForm(
        prefix="status", initial={"status": ambassador.status}
    )
    context["minutes_this_month"] = time_total_minutes(
        ambassador=ambassador, year=today.year, month=today.month
    )
    return render(request, "ambassadors/detail.html", context, status=status)


@require_safe
@staff_page_required(MANAGE)
def ambassador_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


@require_POST
@staff_page_required(MANAGE)
def ambassador_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    ambassador = ambassador_get(pk=pk)
    form = StatusForm(request.POST, prefix="status")
    if not form.is_valid():
        return _detail(request, pk, status=400, status_form=form)
    to_reassign = ambassador_set_status(actor=request.user, ambassador=ambassador, **form.cleaned_data)
    messages.success(
        request, _("De status is nu ‘%(status)s’.") % {"status": ambassador.get_status_display()}
    )
    if to_reassign:
        messages.info(
            request,
            _("%(n)d lopende zaak/zaken staan nu bij ‘Over te dragen’ voor de vertrouwenspersoon.")
            % {"n": len(to_reassign)},
        )
    return redirect("ambassadors:detail", pk=pk)


@require_POST
@staff_page_required(MANAGE)
def ambassador_leave_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    form = try_leave_add(request, ambassador_get(pk=pk))
    if form is not None:
        return _detail(request, pk, status=400, leave_form=form)
    messages.success(request, _("Het verlof is vastgelegd."))
    return redirect("ambassadors:detail", pk=pk)


@require_POST
@staff_page_required(MANAGE)
def ambassador_leave_delete(request: AuthenticatedHttpRequest, pk: int, leave_pk: int) -> HttpResponse:
    leave_delete(actor=request.user, leave=leave_get(ambassador_id=pk, pk=leave_pk))
    messages.success(request, _("De verlofperiode is verwijderd."))
    return redirect("ambassadors:detail", pk=pk)


@require_POST
@staff_page_required(MANAGE)
def ambassador_conflict_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    form = try_conflict_add(request, ambassador_get(pk=pk))
    if form is not None:
        return _detail(request, pk, status=400, conflict_form=form)
    messages.success(request, _("Het belangenconflict is vastgelegd."))
    return redirect("ambassadors:detail", pk=pk)


@require_POST
@staff_page_required(MANAGE)
def ambassador_conflict_delete(request: AuthenticatedHttpRequest, pk: int, conflict_pk: int) -> HttpResponse:
    conflict = conflict_get(ambassador_id=pk, pk=conflict_pk)
    conflict_delete(actor=request.user, conflict=conflict)
    messages.success(request, _("Het belangenconflict is verwijderd."))
    return redirect("ambassadors:detail", pk=pk)


@require_POST
@staff_page_required(MANAGE)
def regions_realign(request: AuthenticatedHttpRequest) -> HttpResponse:
    flagged = ambassador_regions_realign(actor=request.user)
    messages.success(
        request, _("%(n)d profiel(en) gemarkeerd: kies hun extra regio's opnieuw.") % {"n": flagged}
    )
    return redirect("ambassadors:list")


@require_safe
@staff_page_required(MANAGE)
def absences(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Who is away when, per region: leave in the coming 90 days and paused ambassadors."""
    today = timezone.localdate()
    context = {"regions": absences_by_region(scheme=active_scheme(), today=today), "today": today, "days": 90}
    return render(request, "ambassadors/absences.html", context)
