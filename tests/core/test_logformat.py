"""LOG_FORMAT=json: one JSON object per line, with the record's fields and a traceback for exceptions."""

from __future__ import annotations

import json
import logging

from klankbord.core.logformat import JsonFormatter


def test_a_record_is_one_line_of_json() -> None:
    record = logging.LogRecord("klankbord.test", logging.WARNING, __file__, 1, "mail %s waited", ("x",), None)
    line = JsonFormatter().format(record)
    entry = json.loads(line)
    assert "\n" not in line
    assert (
        entry["level"] == "WARNING"
        and entry["logger"] == "klankbord.test"
        and entry["message"] == "mail x waited"
    )
    assert entry["time"].endswith("+00:00") and "exception" not in entry


def test_an_exception_carries_its_traceback() -> None:
    try:
        raise ValueError("boom")
    except ValueError as error:
        exc_info = (ValueError, error, error.__traceback__)
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "failed", (), exc_info)
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: boom" in entry["exception"]
