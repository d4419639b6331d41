"""One JSON object per log line (``LOG_FORMAT=json``), for log collectors that parse fields.

Only the record's own fields are written: the time (UTC, ISO 8601), level, logger, message, process and, for an
exception, its formatted traceback. Nothing from the request is added here; what a message says is decided where
it is logged (and no code logs the text of a report, a message or a signal).
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    """Formats a record as a single-line JSON object."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
