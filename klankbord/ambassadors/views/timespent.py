"""Time spent: the ambassador logs time per case and activity and sees their month."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from klankbord.accounts.permissions import case_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.matching.selectors import report_choices_of_ambassador

from ..forms import TimeEntryForm
from ..permissions import LOG_TIME
from ..selectors import ambassador_get_own, time_entry_get, time_month
from ..services import time_entry_add, time_entry_delete
from .common import add_errors

if TYPE_CHECKING:
    from ..models import Ambassador


def _month(request: HttpRequest) -> date:
    """The month asked for as ?maand=YYYY-MM (default and fallback: this month)."""
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("maand", "").split("-"))
        return date(year, month, 1)
    except (TypeError, ValueError):
        return today.replace(day=1)


def _shift(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _reports(ambassador: Ambassador) -> list[tuple[int, str]]:
    return report_choices_of_ambassador(ambassador=ambassador)


def _page(request: HttpRequest, ambassador: Ambassador, form: TimeEntryForm, first: date, status: int = 200):
    summary = time_month(ambassador=ambassador, year=first.year, month=first.month)
    context = {
        "form": form,
        "summary": summary,
        "month": first,
        "previous": _shift(first, -1),
        "next": _shift(first, 1) if _shift(first, 1) <= timezone.localdate() else None,
    }
    return render(request, "ambassadors/time.html", context, status=status)


@require_http_methods(["GET", "POST"])
@case_page_required(LOG_TIME)
def time_month_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    ambassador = ambassador_get_own(user=request.user)
    first = _month(request)
    if request.method == "GET":
        form = TimeEntryForm(
            prefix="time", reports=_reports(ambassador), initial={"entry_date": timezone.localdate()}
        )
        return _page(request, ambassador, form, first)
    form = TimeEntryForm(request.POST, prefix="time", reports=_reports(ambassador))
    if form.is_valid():
        data = form.cleaned_data
        try:
            entry = time_entry_add(
                actor=request.user,
                ambassador=ambassador,
                entry_date=data["entry_date"],
                activity=data["activity"],
                minutes=data["minutes"],
                report_id=data["report"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("%(minutes)d minuten vastgelegd.") % {"minutes": entry.minutes})
            return redirect(f"{reverse('ambassadors:time')}?maand={entry.date:%Y-%m}")
    return _page(request, ambassador, form, first, status=400)


@require_POST
@case_page_required(LOG_TIME)
def time_delete(request: AuthenticatedHttpRequest, entry_pk: int) -> HttpResponse:
    ambassador = ambassador_get_own(user=request.user)
    entry = time_entry_get(ambassador=ambassador, pk=entry_pk)
    try:
        time_entry_delete(actor=request.user, entry=entry)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De regel is verwijderd."))
    return redirect(f"{reverse('ambassadors:time')}?maand={entry.date:%Y-%m}")
