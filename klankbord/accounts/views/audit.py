"""The audit trail for people: names instead of ``user:N``, labels instead of codes, filters, pages, export.

Reading needs ``audit.view_auditentry`` (the administrator); the export is itself an audit entry.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from klankbord.core.exports import table_response

from ..forms import AuditFilterForm
from ..permissions import staff_page_required
from ..selectors import (
    AuditFilters,
    audit_action_choices,
    audit_entries,
    audit_rows,
    authenticated_user,
    users_for_choice,
)
from ..services.audit_export import audit_export
from ..types import AuthenticatedHttpRequest

VIEW = "audit.view_auditentry"
PAGE_SIZE = 50


def _filters(request: AuthenticatedHttpRequest) -> tuple[AuditFilterForm, AuditFilters]:
    form = AuditFilterForm(request.GET or None, people=users_for_choice(), actions=audit_action_choices())
    if not form.is_valid():
        return form, AuditFilters()
    data = form.cleaned_data
    filters = AuditFilters(
        person=data.get("person"),
        object_type=data.get("object_type", "").strip(),
        object_id=data.get("object_id", "").strip(),
        action=data.get("action", ""),
        start=data.get("start"),
        end=data.get("end"),
    )
    return form, filters


@staff_page_required(VIEW)
@require_safe
def audit_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    page = Paginator(audit_entries(filters), PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {"form": form, "page": page, "rows": audit_rows(page.object_list), "query": query.urlencode()}
    return render(request, "accounts/audit/list.html", context)


@staff_page_required(VIEW)
@require_safe
def audit_export_view(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    _form, filters = _filters(request)
    header, rows = audit_export(actor=authenticated_user(request), filters=filters, fmt=fmt)
    return table_response(fmt=fmt, basename="auditlog", header=header, rows=rows)
