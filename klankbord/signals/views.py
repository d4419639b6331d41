"""Signal pages. Filing: signals.add_signal (ambassadors, counsellors). Insight: signals.view_aggregates.

The raw text of a signal only ever lives in the request that carries it to the preview: it is not stored, not
put in the session, not logged (``sensitive_post_parameters`` keeps it out of error reports too). No page
shows a single signal: the insight pages are built from disclosure-controlled tables only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from klankbord.accounts.permissions import staff_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest
from klankbord.core.errors import DomainError
from klankbord.core.lists import ListSpec, Sort, list_query, paginate
from klankbord.deidentify import DeidentificationError, deidentify

from . import exports
from .constants import Dimension
from .forms import PreviewForm, SignalForm
from .insight import dashboard_context, warning_evidence
from .permissions import ADD_SIGNAL, VIEW_AGGREGATES
from .selectors import warnings_listed
from .services import signal_file

ADD = ADD_SIGNAL
VIEW = VIEW_AGGREGATES
TEXT_FIELDS = ("text", "feedback_text")
_FAILED = "Het anonimiseren lukte niet. Probeer het opnieuw, of laat de tekst weg."


WARNING_LIST = ListSpec(
    sorts=(
        Sort("month", gettext_lazy("Maand"), ("month", "dimension", "label")),
        Sort("dimension", gettext_lazy("Naar"), ("dimension", "label")),
        Sort("observed", gettext_lazy("Waargenomen"), ("observed",)),
    ),
    default_sort="-month",
    search_help=gettext_lazy("Regio, soort voorval of dimensie. Van en tot: de maand."),
)


def _summary(form: SignalForm) -> list[tuple[str, str]]:
    """(label, chosen value as shown) of every structured field, for the confirm page."""
    lines = []
    for name, field in form.fields.items():
        if name in TEXT_FIELDS:
            continue
        value = form.cleaned_data.get(name)
        choices = dict(getattr(field, "choices", []) or [])
        if isinstance(value, list):
            shown = ", ".join(str(choices.get(v, v)) for v in value) or "—"
        elif isinstance(value, bool):
            shown = _("ja") if value else _("nee")
        else:
            shown = str(choices.get(value, value)) if value not in (None, "") else "—"
        lines.append((str(field.label), shown))
    return lines


def _confirm_page(
    request: HttpRequest, form: SignalForm, texts: dict[str, Any], status: int = 200, error: str = ""
) -> HttpResponse:
    """Step 2: the de-identified texts, editable, with the structured choices carried as hidden fields."""
    data = request.POST.copy()
    for name in TEXT_FIELDS:
        data[name] = texts[name].text
    confirm = SignalForm(data)
    confirm.is_valid()
    context = {"form": confirm, "summary": _summary(confirm), "texts": texts, "error": error}
    return render(request, "signals/confirm.html", context, status=status)


@staff_page_required(ADD)
@sensitive_post_parameters(*TEXT_FIELDS)
@require_http_methods(["GET", "POST"])
def signal_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SignalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            texts = {name: deidentify(form.cleaned_data[name]) for name in TEXT_FIELDS}
        except DeidentificationError:
            form.add_error(None, _(_FAILED))
        else:
            return _confirm_page(request, form, texts)
    return render(request, "signals/create.html", {"form": form}, status=400 if form.is_bound else 200)


@staff_page_required(ADD)
@sensitive_post_parameters(*TEXT_FIELDS)
@require_POST
def signal_confirm(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SignalForm(request.POST)
    if not form.is_valid():
        return render(request, "signals/create.html", {"form": form}, status=400)
    try:
        signal_file(actor=request.user, data=form.to_input())
    except DomainError as refusal:
        # E.g. the author's edit left (or added) something identifying: show the further de-identified text.
        try:
            texts = {name: deidentify(form.cleaned_data[name]) for name in TEXT_FIELDS}
        except DeidentificationError:
            form.add_error(None, _(_FAILED))
            return render(request, "signals/create.html", {"form": form}, status=400)
        return _confirm_page(request, form, texts, status=400, error=str(refusal))
    messages.success(request, _("Dank u. Het signaal is geanonimiseerd opgeslagen."))
    return redirect("signals:create")


@staff_page_required(ADD)
@sensitive_post_parameters(*TEXT_FIELDS)
@require_POST
def signal_preview(request: AuthenticatedHttpRequest) -> HttpResponse:
    """htmx: the de-identified text as a partial (the no-JS route is the confirm step)."""
    form = PreviewForm(request.POST)
    if not form.is_valid():
        return render(request, "signals/_preview.html", {"error": _("De tekst is te lang.")}, status=400)
    try:
        texts = {name: deidentify(form.cleaned_data[name]) for name in TEXT_FIELDS}
    except DeidentificationError:
        return render(request, "signals/_preview.html", {"error": _(_FAILED)}, status=400)
    return render(request, "signals/_preview.html", {"texts": texts})


@staff_page_required(VIEW)
@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "signals/dashboard.html", dashboard_context())


@staff_page_required(VIEW)
@require_GET
def warnings(request: AuthenticatedHttpRequest) -> HttpResponse:
    query = list_query(request, WARNING_LIST)
    listing = paginate(
        request,
        warnings_listed(q=query.q, since=query.since, until=query.until, order_by=query.order_by),
        WARNING_LIST,
        query,
    )
    return render(
        request, "signals/warnings.html", {"rows": warning_evidence(listing.rows), "listing": listing}
    )


@staff_page_required(VIEW)
@require_GET
def export_csv(request: AuthenticatedHttpRequest, dimension: str) -> HttpResponse:
    if dimension not in Dimension.values:
        return render(request, "404.html", status=404)
    return exports.csv_response(dimension=dimension)


@staff_page_required(VIEW)
@require_GET
def export_json(request: AuthenticatedHttpRequest, dimension: str) -> HttpResponse:
    if dimension not in Dimension.values:
        return render(request, "404.html", status=404)
    return exports.csv_response(dimension=dimension, fmt="json")


@staff_page_required(VIEW)
@require_GET
def export_pdf(request: AuthenticatedHttpRequest) -> HttpResponse:
    return exports.pdf_response(request)
