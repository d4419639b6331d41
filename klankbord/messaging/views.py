"""Attachment download: access-checked, audited, always as a download and never sniffed by the browser."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from klankbord.audit.services import audit_log
from klankbord.reports.permissions import Viewer

from .permissions import can_open_attachment
from .selectors import attachment_get


@require_safe
def download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = attachment_get(pk=pk)
    if not can_open_attachment(request, attachment):
        raise Http404
    viewer = Viewer.from_request(request)
    audit_log(
        actor=viewer.account,
        action="messaging.attachment.viewed",
        target=attachment,
        data={"report": attachment.thread.report_id},
        actor_label=viewer.audit_label,
    )
    handle = attachment.file.open("rb")
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
