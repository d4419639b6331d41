"""Attachment download: access-checked, audited, always as a download and never sniffed by the browser."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_safe

from .selectors import attachment_open_for_request


@require_safe
def download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = attachment_open_for_request(request=request, pk=pk)  # 404 for outsiders; audited
    handle = attachment.file.open("rb")
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
