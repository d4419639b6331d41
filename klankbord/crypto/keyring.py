"""Authenticated encryption at rest with a key ring.

Keys are configured as ``id:base64key`` pairs (32-byte AES keys), the newest last. The newest key encrypts;
every configured key decrypts, so keys can be rotated without downtime and ``klankbord crypto rotate``
re-encrypts old values under the newest key. Values are AES-256-GCM with a random 96-bit nonce; the
"associated data" binds a ciphertext to the column (or file purpose) it belongs to, so a ciphertext copied to
another column does not decrypt.

Format of a text value: ``kb1$<key id>$<urlsafe base64 of nonce || ciphertext || tag>``.
Format of a file: ``KB1`` + key id length (1 byte) + key id + nonce (12 bytes) + ciphertext || tag.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

TEXT_PREFIX = "kb1$"
FILE_MAGIC = b"KB1"
NONCE_BYTES = 12


class DecryptionError(Exception):
    """A value could not be decrypted: unknown key, tampered data or the wrong column."""


@dataclass(frozen=True)
class KeyRing:
    keys: dict[str, bytes]
    current_id: str

    def _cipher(self, key_id: str) -> AESGCM:
        try:
            return AESGCM(self.keys[key_id])
        except KeyError as exc:
            raise DecryptionError(f"unknown key id {key_id!r}") from exc

    def encrypt_bytes(self, plaintext: bytes, *, purpose: str) -> tuple[str, bytes]:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._cipher(self.current_id).encrypt(nonce, plaintext, purpose.encode())
        return self.current_id, nonce + sealed

    def decrypt_bytes(self, key_id: str, blob: bytes, *, purpose: str) -> bytes:
        try:
            return self._cipher(key_id).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], purpose.encode())
        except InvalidTag as exc:
            raise DecryptionError("authentication failed (tampered value or wrong purpose)") from exc

    def encrypt_text(self, plaintext: str, *, purpose: str) -> str:
        key_id, blob = self.encrypt_bytes(plaintext.encode("utf-8"), purpose=purpose)
        return f"{TEXT_PREFIX}{key_id}${base64.urlsafe_b64encode(blob).decode('ascii')}"

    def decrypt_text(self, token: str, *, purpose: str) -> str:
        key_id, blob = _split_token(token)
        return self.decrypt_bytes(key_id, blob, purpose=purpose).decode("utf-8")

    def encrypt_file(self, plaintext: bytes, *, purpose: str) -> bytes:
        key_id, blob = self.encrypt_bytes(plaintext, purpose=purpose)
        encoded_id = key_id.encode("ascii")
        return FILE_MAGIC + bytes([len(encoded_id)]) + encoded_id + blob

    def decrypt_file(self, data: bytes, *, purpose: str) -> bytes:
        return self.decrypt_bytes(*file_key_id_and_blob(data), purpose=purpose)

    def is_current_text(self, token: str) -> bool:
        return _split_token(token)[0] == self.current_id

    def is_current_file(self, data: bytes) -> bool:
        return file_key_id_and_blob(data)[0] == self.current_id


def _split_token(token: str) -> tuple[str, bytes]:
    if not token.startswith(TEXT_PREFIX):
        raise DecryptionError("not an encrypted value")
    try:
        key_id, payload = token[len(TEXT_PREFIX) :].split("$", 1)
        return key_id, base64.urlsafe_b64decode(payload.encode("ascii"))
    except (ValueError, binascii.Error) as exc:
        raise DecryptionError("malformed encrypted value") from exc


def file_key_id_and_blob(data: bytes) -> tuple[str, bytes]:
    if not data.startswith(FILE_MAGIC) or len(data) < len(FILE_MAGIC) + 1:
        raise DecryptionError("not an encrypted file")
    id_length = data[len(FILE_MAGIC)]
    start = len(FILE_MAGIC) + 1
    return data[start : start + id_length].decode("ascii"), data[start + id_length :]


def parse_keys(spec: str) -> KeyRing:
    """Parse ``id:base64key,id2:base64key2`` (newest last) into a key ring; fail loudly on a bad entry."""
    keys: dict[str, bytes] = {}
    current = ""
    for entry in (part.strip() for part in spec.split(",")):
        if not entry:
            continue
        key_id, sep, encoded = entry.partition(":")
        if not sep or not key_id.isalnum() or len(key_id) > 32:
            raise ImproperlyConfigured(f"Encryption key entry {key_id!r} must look like 'id:base64key'.")
        try:
            raw = base64.b64decode(encoded, validate=True)
        except binascii.Error as exc:
            raise ImproperlyConfigured(f"Encryption key {key_id!r} is not valid base64.") from exc
        if len(raw) != 32:
            raise ImproperlyConfigured(f"Encryption key {key_id!r} must be 32 bytes, not {len(raw)}.")
        if key_id in keys:
            raise ImproperlyConfigured(f"Encryption key id {key_id!r} appears twice.")
        keys[key_id] = raw
        current = key_id
    if not keys:
        raise ImproperlyConfigured("No encryption key configured (KLANKBORD_ENCRYPTION_KEYS).")
    return KeyRing(keys=keys, current_id=current)


@lru_cache(maxsize=4)
def _ring_for(spec: str) -> KeyRing:
    return parse_keys(spec)


def keyring() -> KeyRing:
    """The configured key ring (cached per configuration, so tests can override the setting)."""
    return _ring_for(settings.ENCRYPTION_KEYS)


def new_key_entry(key_id: str | None = None) -> str:
    key_id = key_id or f"k{secrets.token_hex(4)}"
    return f"{key_id}:{base64.b64encode(AESGCM.generate_key(bit_length=256)).decode('ascii')}"
