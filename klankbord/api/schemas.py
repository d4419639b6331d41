"""Shared API schemas: the error body every endpoint can answer with."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(ErrorOut):
    errors: list[dict[str, Any]]


ERROR_RESPONSES: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 429: ErrorOut}
