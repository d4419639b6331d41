"""File storage that encrypts every file it writes (AES-256-GCM via the key ring).

The file's storage name is the associated data, so an encrypted file renamed on disk no longer decrypts.
Files are kept whole in memory while encrypting: uploads are capped far below memory limits (see settings).
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

from .keyring import keyring

_NAME_ATTEMPTS = 20


def _purpose(name: str) -> str:
    return "file:" + name.replace("\\", "/")


@deconstructible
class EncryptedFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content: File) -> str:
        content.seek(0)
        plaintext = content.read()
        if isinstance(plaintext, str):
            plaintext = plaintext.encode("utf-8")
        for _attempt in range(_NAME_ATTEMPTS):
            # Encrypt under the name the file really gets: the name is the associated data.
            name = self.get_available_name(name)
            sealed = keyring().encrypt_file(plaintext, purpose=_purpose(name))
            try:
                self._write_new(self.path(name), sealed)
            except FileExistsError:
                continue  # taken between get_available_name and the write: pick another name
            if self.file_permissions_mode is not None:
                os.chmod(self.path(name), self.file_permissions_mode)
            return name.replace("\\", "/")
        raise FileExistsError(f"no free storage name near {name!r}")

    @staticmethod
    def _write_new(path: str, sealed: bytes) -> None:
        """Create ``path`` (never overwriting) with ``sealed``, on disk before returning; on any failure (a full
        or read-only disk) nothing is left behind: no empty or partial file survives a failed write."""
        os.makedirs(os.path.dirname(path), exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            handle = os.fdopen(descriptor, "wb")
        except BaseException:
            os.close(descriptor)
            os.unlink(path)
            raise
        try:
            with handle:
                handle.write(sealed)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(path)
            raise

    def _open(self, name: str, mode: str = "rb") -> File[Any]:
        with super()._open(name, "rb") as handle:  # type: ignore[misc]  # stubs omit _open
            sealed = handle.read()
        plaintext = keyring().decrypt_file(sealed, purpose=_purpose(name))
        return ContentFile(plaintext, name=name)

    def read_raw(self, name: str) -> bytes:
        with super()._open(name, "rb") as handle:  # type: ignore[misc]  # stubs omit _open
            return bytes(handle.read())

    def rewrite_raw(self, name: str, plaintext: bytes) -> None:
        """Re-encrypt ``name`` in place under the newest key (used by key rotation)."""
        sealed = keyring().encrypt_file(plaintext, purpose=_purpose(name))
        path = self.path(name)
        temporary = f"{path}.rotating"
        with open(temporary, "wb") as handle:
            handle.write(sealed)
        os.replace(temporary, path)

    def size(self, name: str) -> int:
        return len(self._open(name).read())
