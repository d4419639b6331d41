from .correction import ReportCorrection
from .report import IntakeNote, ReceiptCode, Report, ReportStatusChange
from .talk import TalkRequest

__all__ = [
    "IntakeNote",
    "ReceiptCode",
    "Report",
    "ReportCorrection",
    "ReportStatusChange",
    "TalkRequest",
]
