"""Region scheme pages for the administrator. Reading needs geo.view_region; changes geo.manage_regions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from klankbord.accounts.permissions import staff_page_required
from klankbord.accounts.types import AuthenticatedHttpRequest

from . import services
from .forms import MunicipalityMoveForm, RegionNameForm, SchemeCreateForm
from .permissions import (
    MANAGE_REGIONS,
    VIEW_REGION,
    can_edit_scheme,
    can_manage_regions,
    require_editable_scheme,
)
from .selectors import (
    active_scheme,
    region_get,
    regions_of_scheme,
    regions_with_municipalities,
    scheme_get,
    scheme_list,
    scheme_neighbour_map,
)

if TYPE_CHECKING:
    from .models import RegionScheme

VIEW = VIEW_REGION
MANAGE = MANAGE_REGIONS


def _add_errors(form: Form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@staff_page_required(VIEW)
def regions(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _regions_page(
        request, SchemeCreateForm(prefix="scheme") if can_manage_regions(request.user) else None
    )


def _regions_page(
    request: HttpRequest, create_form: SchemeCreateForm | None, status: int = 200
) -> HttpResponse:
    schemes = list(scheme_list())
    active = next((scheme for scheme in schemes if scheme.is_active), None)
    context = {
        "schemes": schemes,
        "active": active,
        "active_regions": list(regions_of_scheme(active)) if active else [],
        "create_form": create_form,
        "can_activate": can_manage_regions(request.user),
    }
    return render(request, "geo/regions.html", context, status=status)


@staff_page_required(VIEW, MANAGE)
@require_http_methods(["GET", "POST"])
def scheme_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SchemeCreateForm(request.POST or None, prefix="scheme")
    if request.method == "POST" and form.is_valid():
        try:
            scheme = services.scheme_create_custom(
                actor=request.user, name=form.cleaned_data["name"], copy_from=form.cleaned_data["copy_from"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("De indeling '%(name)s' is aangemaakt.") % {"name": scheme.name})
            return redirect("geo:scheme", slug=scheme.slug)
    return _regions_page(request, form, status=400 if form.is_bound else 200)


def _detail_context(request: HttpRequest, scheme: RegionScheme, **forms: Form) -> dict[str, Any]:
    regions = list(regions_with_municipalities(scheme))
    names = {region.pk: region.name for region in regions}
    borders = scheme_neighbour_map(scheme)
    for region in regions:
        region.border_names = sorted(names[pk] for pk in borders.get(region.pk, ()))  # type: ignore[attr-defined]
    editable = can_edit_scheme(request.user, scheme)
    context: dict[str, Any] = {"scheme": scheme, "regions": regions, "editable": editable}
    if editable:
        context["move_form"] = forms.get("move_form") or MunicipalityMoveForm(prefix="move", scheme=scheme)
        context["region_form"] = forms.get("region_form") or RegionNameForm(prefix="region")
    context["can_activate"] = can_manage_regions(request.user) and not scheme.is_active
    context["can_delete"] = editable and not scheme.is_active
    return context


@staff_page_required(VIEW)
def scheme_detail(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    scheme = scheme_get(slug=slug)
    return render(request, "geo/scheme_detail.html", _detail_context(request, scheme))


def _confirm(request: HttpRequest, **context: Any) -> HttpResponse:
    return render(request, "geo/confirm.html", context, status=context.pop("status", 200))


@staff_page_required(VIEW, MANAGE)
@require_http_methods(["GET", "POST"])
def scheme_activate(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    scheme = scheme_get(slug=slug)
    context: dict[str, Any] = {"scheme": scheme, "action": "activate", "current": active_scheme()}
    if request.method == "POST":
        try:
            services.scheme_activate(actor=request.user, scheme=scheme)
        except ValidationError as error:
            return _confirm(request, **context, errors=error.messages, status=400)
        messages.success(request, _("'%(name)s' is nu de actieve regio-indeling.") % {"name": scheme.name})
        return redirect("geo:regions")
    return _confirm(request, **context)


@staff_page_required(VIEW, MANAGE)
@require_http_methods(["GET", "POST"])
def scheme_delete(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    scheme = require_editable_scheme(request.user, scheme_get(slug=slug))
    context: dict[str, Any] = {"scheme": scheme, "action": "delete_scheme"}
    if request.method == "POST":
        try:
            services.scheme_delete(actor=request.user, scheme=scheme)
        except ValidationError as error:
            return _confirm(request, **context, errors=error.messages, status=400)
        messages.success(request, _("De indeling '%(name)s' is verwijderd.") % {"name": scheme.name})
        return redirect("geo:regions")
    return _confirm(request, **context)


def _detail_with_errors(request: HttpRequest, scheme: RegionScheme, **forms: Form) -> HttpResponse:
    context = _detail_context(request, scheme, **forms)
    if request.headers.get("HX-Request"):
        # htmx swaps only 2xx responses; the partial carries the error summary and moves focus to it.
        return render(request, "geo/_scheme_regions.html", context)
    return render(request, "geo/scheme_detail.html", context, status=400)


@staff_page_required(VIEW, MANAGE)
@require_POST
def region_create(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    scheme = require_editable_scheme(request.user, scheme_get(slug=slug))
    form = RegionNameForm(request.POST, prefix="region")
    if form.is_valid():
        try:
            region = services.region_create(actor=request.user, scheme=scheme, name=form.cleaned_data["name"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("De regio '%(name)s' is toegevoegd.") % {"name": region.name})
            return redirect("geo:scheme", slug=scheme.slug)
    return _detail_with_errors(request, scheme, region_form=form)


@staff_page_required(VIEW, MANAGE)
@require_POST
def municipality_move(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    scheme = require_editable_scheme(request.user, scheme_get(slug=slug))
    form = MunicipalityMoveForm(request.POST, prefix="move", scheme=scheme)
    if form.is_valid():
        municipality, region = form.cleaned_data["municipality"], form.cleaned_data["region"]
        try:
            services.municipality_move(actor=request.user, municipality=municipality, region=region)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            notice = _("%(municipality)s hoort nu bij %(region)s.") % {
                "municipality": municipality.name,
                "region": region.name,
            }
            if request.headers.get("HX-Request"):
                context = _detail_context(request, scheme)
                return render(request, "geo/_scheme_regions.html", {**context, "notice": notice})
            messages.success(request, notice)
            return redirect("geo:scheme", slug=scheme.slug)
    return _detail_with_errors(request, scheme, move_form=form)


@staff_page_required(VIEW, MANAGE)
@require_http_methods(["GET", "POST"])
def region_rename(request: AuthenticatedHttpRequest, slug: str, code: str) -> HttpResponse:
    scheme = require_editable_scheme(request.user, scheme_get(slug=slug))
    region = region_get(scheme=scheme, code=code)
    form = RegionNameForm(request.POST or None, prefix="region", initial={"name": region.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.region_rename(actor=request.user, region=region, name=form.cleaned_data["name"])
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("De regio heet nu '%(name)s'.") % {"name": region.name})
            return redirect("geo:scheme", slug=scheme.slug)
    context = {"scheme": scheme, "region": region, "form": form}
    return render(request, "geo/region_rename.html", context, status=400 if form.is_bound else 200)


@staff_page_required(VIEW, MANAGE)
@require_http_methods(["GET", "POST"])
def region_delete(request: AuthenticatedHttpRequest, slug: str, code: str) -> HttpResponse:
    scheme = require_editable_scheme(request.user, scheme_get(slug=slug))
    region = region_get(scheme=scheme, code=code)
    context: dict[str, Any] = {"scheme": scheme, "region": region, "action": "delete_region"}
    if request.method == "POST":
        try:
            services.region_delete(actor=request.user, region=region)
        except ValidationError as error:
            return _confirm(request, **context, errors=error.messages, status=400)
        messages.success(request, _("De regio '%(name)s' is verwijderd.") % {"name": region.name})
        return redirect("geo:scheme", slug=scheme.slug)
    context["member_count"] = region.memberships.count()
    return _confirm(request, **context)
