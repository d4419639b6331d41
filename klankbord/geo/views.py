from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from klankbord.accounts.permissions import staff_page_required


@staff_page_required("geo.view_region")
def regions(request: HttpRequest) -> HttpResponse:
    return render(request, "geo/regions.html", {})
