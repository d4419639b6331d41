"""The chain's head anchored outside the database: one JSON line per successful verify.

``klankbord audit verify`` appends ``{"sequence", "entry_hash", "verified_at"}`` to ``KLANKBORD_AUDIT_ANCHOR_FILE``
(opened for appending only, so it can live on append-only storage, e.g. ``chattr +a``, or a mounted log volume)
and writes the same fields as a structured log line (logger ``klankbord.audit.anchor``) for an operator to ship
elsewhere. The next verify reads every line back: an anchored entry that is gone or has another hash means the
database was cut back or rewritten, even if the head row was made to agree.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from django.utils import timezone

from .services import Anchor, VerifyResult

logger = logging.getLogger("klankbord.audit.anchor")


class AnchorFileError(Exception):
    """The anchor file cannot be read or holds a line that is not an anchor."""


def _parse(line: str, number: int) -> Anchor:
    try:
        record = json.loads(line)
        return Anchor(int(record["sequence"]), str(record["entry_hash"]), str(record.get("verified_at", "")))
    except (ValueError, KeyError, TypeError) as exc:
        raise AnchorFileError(f"line {number} of the anchor file is not an anchor: {exc}") from exc


def anchors_read(path: str) -> list[Anchor]:
    """Every anchor in the file, oldest first; none when no file is configured or none was written yet."""
    if not path or not Path(path).exists():
        return []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise AnchorFileError(f"the anchor file cannot be read: {exc}") from exc
    return [_parse(line, number) for number, line in enumerate(lines, start=1) if line.strip()]


def anchor_append(path: str, result: VerifyResult) -> Anchor:
    """Record the verified head: a log line always, and a line appended to the anchor file when configured."""
    anchor = Anchor(result.checked, result.head_hash, timezone.now().isoformat(timespec="seconds"))
    record = {"sequence": anchor.sequence, "entry_hash": anchor.entry_hash, "verified_at": anchor.verified_at}
    logger.info("audit.head.anchored %s", json.dumps(record, sort_keys=True), extra={"audit_anchor": record})
    if path:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        with os.fdopen(descriptor, "a", encoding="utf-8") as anchor_file:
            anchor_file.write(json.dumps(record, sort_keys=True) + "\n")
            anchor_file.flush()
            os.fsync(anchor_file.fileno())
    return anchor
