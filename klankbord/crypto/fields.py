"""Model fields whose values are encrypted in the database.

The plaintext never reaches the database: ``get_prep_value`` encrypts with the newest key, ``from_db_value``
decrypts. The column name is the associated data, so a ciphertext moved to another column fails to decrypt.
Encrypted columns cannot be filtered or ordered on; query on a non-sensitive field instead.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.expressions import Expression

from .keyring import TEXT_PREFIX, keyring


class EncryptedTextField(models.TextField):
    """Text encrypted at rest (AES-256-GCM, key ring in ``klankbord.crypto.keyring``)."""

    encrypted = True

    def purpose(self) -> str:
        return f"field:{self.model._meta.label_lower}.{self.name}"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return keyring().encrypt_text(str(value), purpose=self.purpose())

    def from_db_value(
        self, value: str | None, expression: Expression, connection: BaseDatabaseWrapper
    ) -> str | None:
        if value is None or value == "" or not value.startswith(TEXT_PREFIX):
            return value
        return keyring().decrypt_text(value, purpose=self.purpose())

    def get_lookup(self, lookup_name: str) -> Any:
        # Equality against ciphertext can never match (random nonces); refuse misleading queries loudly.
        if lookup_name not in {"isnull"}:
            raise TypeError(f"{self.name} is encrypted and cannot be queried with '{lookup_name}'.")
        return super().get_lookup(lookup_name)


class EncryptedCharField(EncryptedTextField):
    """Short encrypted text with a form-level max length (the column itself holds the longer ciphertext)."""

    def __init__(self, *args: Any, max_length: int | None = None, **kwargs: Any) -> None:
        self.form_max_length = max_length
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.form_max_length is not None:
            kwargs["max_length"] = self.form_max_length
        return name, path, args, kwargs

    def formfield(self, **kwargs: Any) -> Any:
        from django import forms

        defaults: dict[str, Any] = {"max_length": self.form_max_length, "widget": forms.TextInput}
        defaults.update(kwargs)
        return super().formfield(**defaults)


def encrypted_fields(model: type[models.Model]) -> list[EncryptedTextField]:
    return [field for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)]
