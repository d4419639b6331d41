"""The refusal every upload check raises; the policy turns it into a ``DomainError`` naming the file."""

from __future__ import annotations


class FileRefusedError(Exception):
    """A file (or its name) that a check refuses: ``code`` for callers and tests, ``reason`` (Dutch) for people."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
