"""Re-encrypt everything under the newest key: encrypted columns, encrypted files and MFA secrets.

Safe to run repeatedly and while the site is up: each row is re-encrypted in its own short transaction and only
values that are not yet under the newest key are touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import cast

from django.apps import apps
from django.db import connection, models, transaction

from klankbord.accounts.types import Actor
from klankbord.audit.services import audit_log

from .fields import EncryptedTextField, encrypted_fields
from .keyring import DecryptionError, keyring
from .storage import EncryptedFileSystemStorage

MFA_SECRET_KEYS = ("secret", "seed")


@dataclass
class RotationReport:
    values: int = 0
    files: int = 0
    mfa_secrets: int = 0
    problems: list[str] = field(default_factory=list)


def _models_with_encrypted_fields() -> Iterator[tuple[type[models.Model], list[EncryptedTextField]]]:
    for model in apps.get_models():
        found = encrypted_fields(model)
        if found:
            yield model, found


def _raw_rows(model: type[models.Model], columns: list[str]) -> Iterator[tuple]:
    """Raw column values (ciphertext), bypassing ``from_db_value``."""
    table = model._meta.db_table
    # Concrete fields always have a column; the stubs type ``Field.column`` as optional.
    pk_column = cast(str, model._meta.pk.column)
    quoted = ", ".join(connection.ops.quote_name(c) for c in [pk_column, *columns])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608 (identifiers only)
        yield from cursor.fetchall()


def _rotate_columns(report: RotationReport) -> None:
    ring = keyring()
    for model, fields in _models_with_encrypted_fields():
        for pk, *raw_values in _raw_rows(model, [cast(str, f.column) for f in fields]):
            stale = [
                f for f, raw in zip(fields, raw_values, strict=True) if raw and not ring.is_current_text(raw)
            ]
            if not stale:
                continue
            with transaction.atomic():
                instance = model._default_manager.select_for_update().get(pk=pk)
                # Assigning the decrypted value back makes get_prep_value encrypt it under the newest key.
                model._default_manager.filter(pk=pk).update(
                    **{f.name: getattr(instance, f.attname) for f in stale}
                )
            report.values += len(stale)


def _rotate_files(report: RotationReport) -> None:
    ring = keyring()
    for model in apps.get_models():
        for file_field in [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]:
            storage = file_field.storage
            if not isinstance(storage, EncryptedFileSystemStorage):
                continue
            names = model._default_manager.exclude(**{file_field.name: ""}).values_list(
                file_field.name, flat=True
            )
            for name in names.iterator():
                try:
                    sealed = storage.read_raw(name)
                    if ring.is_current_file(sealed):
                        continue
                    plaintext = storage.open(name).read()
                    storage.rewrite_raw(name, plaintext)
                    report.files += 1
                except (OSError, DecryptionError) as exc:
                    report.problems.append(f"{model._meta.label}.{file_field.name} {name}: {exc}")


def _rotate_mfa_data(data: dict[str, object]) -> bool:
    """Re-encrypt the secrets in one authenticator's data in place; whether anything changed."""
    from klankbord.accounts.adapters import MFA_PURPOSE

    ring, changed = keyring(), False
    for key in MFA_SECRET_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value.startswith("kb1$") and not ring.is_current_text(value):
            data[key] = ring.encrypt_text(ring.decrypt_text(value, purpose=MFA_PURPOSE), purpose=MFA_PURPOSE)
            changed = True
    return changed


def _rotate_mfa(report: RotationReport) -> None:
    """Each authenticator locked and read again in its own transaction before it is rewritten.

    Its data also holds state that changes while we run (the used-recovery-code mask, the last TOTP counter):
    writing back a copy read without the lock would undo a recovery code used meanwhile. allauth takes the same
    row lock (``select_for_update``) when it marks a code used, so the two wait for each other.
    """
    from allauth.mfa.models import Authenticator

    for pk in Authenticator.objects.order_by("pk").values_list("pk", flat=True).iterator():
        with transaction.atomic():
            authenticator = Authenticator.objects.select_for_update().filter(pk=pk).first()
            if authenticator is None:  # removed since the listing
                continue
            data = dict(authenticator.data)
            if _rotate_mfa_data(data):
                Authenticator.objects.filter(pk=pk).update(data=data)
                report.mfa_secrets += 1


def rotate_all(*, actor: Actor = None) -> RotationReport:
    report = RotationReport()
    _rotate_columns(report)
    _rotate_files(report)
    _rotate_mfa(report)
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="crypto.keys.rotated",
            object_type="crypto.keyring",
            object_id=keyring().current_id,
            data={"values": report.values, "files": report.files, "mfa_secrets": report.mfa_secrets},
            actor_label=None if actor else "system:command",
        )
    return report
