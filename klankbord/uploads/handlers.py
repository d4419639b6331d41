"""The request body capped while it is read, before any file of it is kept in memory or on disk.

Django's ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bounds the form fields, not the files, and ``FILE_UPLOAD_MAX_MEMORY_SIZE``
only decides when a file moves from memory to a temporary file: neither stops a 100 MB body. This handler runs
first: a body whose declared length passes ``UPLOAD_REQUEST_MAX_BYTES`` is refused before a byte of it is read,
and the file data it passes on is counted so that the cap also holds if the length is not known. The refusal is
``RequestDataTooBig``, the same as Django's own limits (logged by ``django.security``); ``core.views.error_400``
answers it with a Dutch page and status 413.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler


class BodyLimitUploadHandler(FileUploadHandler):
    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.limit = int(settings.UPLOAD_REQUEST_MAX_BYTES)
        self.received = 0

    def handle_raw_input(
        self,
        input_data: Any,
        META: Any,  # noqa: N803 (Django's name for it)
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> None:
        if content_length and content_length > self.limit:
            raise RequestDataTooBig("Request body exceeded settings.UPLOAD_REQUEST_MAX_BYTES.")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            raise RequestDataTooBig("Request body exceeded settings.UPLOAD_REQUEST_MAX_BYTES.")
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) builds the uploaded file
