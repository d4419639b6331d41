"""The public face of the reports app: every write goes through one of these services.

Split by concern (intake, handling, correction, notifications, sparverzoeken); import from
``klankbord.reports.services``.
"""

from .ambassador import report_ambassador_connect, report_ambassador_disconnect
from .correction import CORRECTABLE_FIELDS, report_correct, report_ensure_correctable
from .handling import (
    intake_note_add,
    receipt_refused,
    receipt_used,
    report_assign,
    report_claim,
    report_counsellor_message,
    report_record_first_response,
    report_set_urgent,
    report_viewed,
    report_withdraw,
    reports_listed,
)
from .intake import ConsentInput, ReportInput, Submitted, report_register, report_submit_online
from .notify import Recipient, counsellor_users, notify_counsellors, report_notification_recipients
from .talk import talk_request_close, talk_request_convert, talk_request_submit

__all__ = [
    "CORRECTABLE_FIELDS",
    "ConsentInput",
    "Recipient",
    "ReportInput",
    "Submitted",
    "counsellor_users",
    "intake_note_add",
    "notify_counsellors",
    "receipt_refused",
    "receipt_used",
    "report_ambassador_connect",
    "report_ambassador_disconnect",
    "report_assign",
    "report_claim",
    "report_correct",
    "report_counsellor_message",
    "report_ensure_correctable",
    "report_notification_recipients",
    "report_record_first_response",
    "report_register",
    "report_set_urgent",
    "report_submit_online",
    "report_viewed",
    "report_withdraw",
    "reports_listed",
    "talk_request_close",
    "talk_request_convert",
    "talk_request_submit",
]
