"""Encryption at rest: fields, files, key rotation, and that plaintext never reaches the database."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, models

from klankbord.crypto.fields import EncryptedTextField
from klankbord.crypto.keyring import DecryptionError, keyring, new_key_entry, parse_keys
from klankbord.crypto.storage import EncryptedFileSystemStorage

SECRET_TEXT = "Mijn buurman Jan de Vries bedreigde mij op het schoolplein"


class Vault(models.Model):
    story = EncryptedTextField(blank=True)
    other = EncryptedTextField(blank=True)
    upload = models.FileField(upload_to="vault/", blank=True)

    class Meta:
        app_label = "crypto"

    def __str__(self) -> str:
        return f"vault {self.pk}"


@pytest.fixture
def vault_table(transactional_db: None, settings, tmp_path) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = str(tmp_path)
    with connection.schema_editor() as editor:
        editor.create_model(Vault)
    yield
    with connection.schema_editor() as editor:
        editor.delete_model(Vault)


def raw_column(pk: int, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM crypto_vault WHERE id = %s", [pk])  # noqa: S608
        return str(cursor.fetchone()[0])


def test_text_round_trips_and_the_column_holds_only_ciphertext(vault_table: None) -> None:
    vault = Vault.objects.create(story=SECRET_TEXT)
    assert Vault.objects.get(pk=vault.pk).story == SECRET_TEXT
    stored = raw_column(vault.pk, "story")
    assert stored.startswith("kb1$")
    assert "Jan" not in stored and "schoolplein" not in stored


def test_a_database_dump_contains_no_plaintext_of_an_encrypted_field(vault_table: None) -> None:
    Vault.objects.create(story=SECRET_TEXT)
    if connection.vendor == "sqlite":
        dump = "\n".join(connection.connection.iterdump())
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT row_to_json(v)::text FROM crypto_vault v")
            dump = "\n".join(row[0] for row in cursor.fetchall())
    assert "crypto_vault" in dump or "kb1$" in dump
    assert "kb1$" in dump
    assert "schoolplein" not in dump and "Jan de Vries" not in dump


def test_ciphertext_copied_to_another_column_does_not_decrypt(vault_table: None) -> None:
    vault = Vault.objects.create(story=SECRET_TEXT)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE crypto_vault SET other = story WHERE id = %s", [vault.pk])
    with pytest.raises(DecryptionError):
        Vault.objects.get(pk=vault.pk)


def test_tampered_ciphertext_is_refused(vault_table: None) -> None:
    vault = Vault.objects.create(story=SECRET_TEXT)
    stored = raw_column(vault.pk, "story")
    flipped = stored[:-6] + ("A" if stored[-6] != "A" else "B") + stored[-5:]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE crypto_vault SET story = %s WHERE id = %s", [flipped, vault.pk])
    with pytest.raises(DecryptionError):
        Vault.objects.get(pk=vault.pk)


def test_encrypted_columns_refuse_lookups_that_could_never_match(vault_table: None) -> None:
    with pytest.raises(TypeError):
        Vault.objects.filter(story=SECRET_TEXT).count()


def test_files_are_encrypted_on_disk_and_readable_through_the_storage(vault_table: None) -> None:
    vault = Vault.objects.create()
    vault.upload.save("bewijs.txt", ContentFile(SECRET_TEXT.encode()))
    on_disk = open(vault.upload.path, "rb").read()  # noqa: SIM115
    assert on_disk.startswith(b"KB1") and b"schoolplein" not in on_disk
    assert Vault.objects.get(pk=vault.pk).upload.open().read() == SECRET_TEXT.encode()
    assert isinstance(vault.upload.storage, EncryptedFileSystemStorage)


def test_key_rotation_keeps_every_value_readable_and_moves_it_to_the_newest_key(
    vault_table: None, settings
) -> None:  # type: ignore[no-untyped-def]
    old_spec = settings.ENCRYPTION_KEYS
    vaults = [Vault.objects.create(story=f"{SECRET_TEXT} {i}", other=f"nota {i}") for i in range(5)]
    vaults[0].upload.save("a.txt", ContentFile(b"bijlage"))
    old_id = keyring().current_id

    settings.ENCRYPTION_KEYS = f"{old_spec},{new_key_entry('k2')}"
    assert keyring().current_id == "k2"
    # Old values are still readable before rotation.
    assert Vault.objects.get(pk=vaults[3].pk).story.endswith(" 3")
    out = StringIO()
    call_command("crypto", "rotate", stdout=out)
    assert "10 values, 1 files" in out.getvalue()

    for index, vault in enumerate(vaults):
        fresh = Vault.objects.get(pk=vault.pk)
        assert fresh.story == f"{SECRET_TEXT} {index}" and fresh.other == f"nota {index}"
        assert raw_column(vault.pk, "story").startswith("kb1$k2$")
    assert Vault.objects.get(pk=vaults[0].pk).upload.open().read() == b"bijlage"

    # After rotation the old key can be removed entirely.
    settings.ENCRYPTION_KEYS = ",".join(
        e for e in settings.ENCRYPTION_KEYS.split(",") if not e.startswith(old_id)
    )
    assert Vault.objects.get(pk=vaults[1].pk).story.endswith(" 1")
    assert Vault.objects.get(pk=vaults[0].pk).upload.open().read() == b"bijlage"
    # Running it again changes nothing.
    out = StringIO()
    call_command("crypto", "rotate", stdout=out)
    assert "0 values, 0 files" in out.getvalue()


def test_mfa_secrets_are_encrypted_and_survive_rotation(vault_table: None, make_user, settings) -> None:  # type: ignore[no-untyped-def]
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    user = make_user(None, mfa=True)
    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]
    assert stored.startswith("kb1$") and user.totp_secret not in stored

    settings.ENCRYPTION_KEYS = f"{settings.ENCRYPTION_KEYS},{new_key_entry('k3')}"
    call_command("crypto", "rotate", stdout=StringIO())
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert authenticator.data["secret"].startswith("kb1$k3$")
    counter = next(iter(yield_hotp_counters_from_time()))
    assert TOTP(authenticator).validate_code(format_hotp_value(hotp_value(user.totp_secret, counter)))


@pytest.mark.parametrize(
    "spec",
    [
        "",
        "nocolon",
        "a:not-base64!!",
        f"a:{base64.b64encode(b'short').decode()}",
        "a:" + "A" * 44 + ",a:" + "A" * 44,
    ],
)
def test_a_bad_key_configuration_fails_loudly(spec: str) -> None:
    with pytest.raises(ImproperlyConfigured):
        parse_keys(spec)


def test_new_key_entries_parse_and_are_random() -> None:
    first, second = new_key_entry(), new_key_entry()
    assert first != second
    ring = parse_keys(f"{first},{second}")
    assert ring.current_id == second.split(":")[0]
