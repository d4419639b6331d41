from .append_only import AppendOnlyError, AppendOnlyModel
from .report import IntakeNote, ReceiptCode, Report, ReportStatusChange
from .talk import TalkRequest

__all__ = [
    "AppendOnlyError",
    "AppendOnlyModel",
    "IntakeNote",
    "ReceiptCode",
    "Report",
    "ReportStatusChange",
    "TalkRequest",
]
