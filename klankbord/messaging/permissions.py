"""Who may open an attachment: the same people who may see the message or report it belongs to.

- the reporter (account or receipt-code session) and counsellors (on case pages: MFA required): every file;
- the report's ambassador: files sent with the report only while the member shares ``attachments``.
"""

from __future__ import annotations

from django.http import HttpRequest

from klankbord.accounts.selectors import user_has_mfa
from klankbord.consent.constants import ShareableField
from klankbord.reports.permissions import Viewer, ambassador_fields, is_counsellor, is_reporter

from .models import Attachment


def can_open_attachment(request: HttpRequest, attachment: Attachment) -> bool:
    report = attachment.thread.report
    viewer = Viewer.from_request(request)
    if is_reporter(viewer, report):
        return True
    user = request.user
    if not (user.is_authenticated and user.has_perm("accounts.access_case_pages") and user_has_mfa(user)):
        return False
    if is_counsellor(user):
        return True
    return attachment.message_id is None and ShareableField.ATTACHMENTS in ambassador_fields(user, report)
