"""Store, claim and purge pending uploads, and remove orphaned files from the upload directory.

The form carries a signed token (salted per use, valid for the policy's lifetime) that can only refer to the
file, never read it back. Domain services claim the file inside their own transaction and write their audit
entry there; these services write none, as nothing user-visible happens until a domain claims a file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.apps import apps
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, models
from django.utils import timezone

from .models import UPLOAD_DIR, PendingUpload
from .policy import CheckedUpload, UploadPolicy

ORPHAN_GRACE = timedelta(days=2)  # longer than any pending lifetime, so a file being stored is never taken
ORPHAN_LIMIT = 1_000  # files removed per run at most; the next run takes the rest


def _salt(policy: UploadPolicy) -> str:
    return f"klankbord.uploads.pending:{policy.use}"


def pending_upload_store(*, policy: UploadPolicy, upload: CheckedUpload) -> str:
    """Keep a checked file (encrypted by the storage) and return the signed token the form carries."""
    if upload.content_type not in policy.types or not 0 < upload.size <= policy.max_bytes:
        raise ValueError(f"{policy.use}: only files checked against the policy can be kept")
    now = timezone.now()
    pending = PendingUpload(
        use=policy.use,
        original_name=upload.name,
        content_type=upload.content_type,
        size=upload.size,
        created_at=now,
        expires_at=now + policy.lifetime,
    )
    extension = policy.storage_extension(upload.content_type)
    pending.file.save(f"pending.{extension}", ContentFile(upload.data), save=False)
    try:
        pending.save()
    except Exception:
        pending.file.delete(save=False)  # no file without its row
        raise
    return signing.dumps(pending.key, salt=_salt(policy))


def pending_upload_get(*, policy: UploadPolicy, token: str) -> PendingUpload | None:
    """The pending upload of ``policy`` behind a valid, unexpired token; None for forged or stale tokens."""
    try:
        key = signing.loads(token, salt=_salt(policy), max_age=policy.lifetime)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(key, str):
        return None
    return PendingUpload.objects.filter(key=key, use=policy.use, expires_at__gt=timezone.now()).first()


def pending_upload_claim(*, pending: PendingUpload) -> str:
    """Hand the encrypted file over to a domain row and return its storage name; the pending row goes.

    Call it in the transaction that saves the new owner: on a rollback the pending row comes back.
    """
    PendingUpload.objects.filter(pk=pending.pk).delete()
    return pending.file.name or ""


def pending_upload_take(*, pending: PendingUpload) -> CheckedUpload:
    """Read the file back and remove it with its row, for a domain that stores the content under its own name."""
    with pending.file.open("rb") as handle:
        data = bytes(handle.read())
    taken = CheckedUpload(name=pending.original_name, content_type=pending.content_type, data=data)
    pending.file.delete(save=False)
    pending.delete()
    return taken


def pending_uploads_purge(*, now: datetime | None = None, policy: UploadPolicy | None = None) -> int:
    """Remove expired pending uploads (all uses, or only ``policy``'s) with their files; returns how many."""
    expired = PendingUpload.objects.filter(expires_at__lte=now or timezone.now())
    if policy is not None:
        expired = expired.filter(use=policy.use)
    removed = 0
    for pending in list(expired):
        deleted, _rows = PendingUpload.objects.filter(pk=pending.pk).delete()
        if deleted:  # not claimed or purged concurrently
            pending.file.delete(save=False)
            removed += 1
    return removed


@dataclass(frozen=True)
class OrphanResult:
    examined: int
    removed: int


def _old_files(root: Path, *, before: float) -> Iterator[Path]:
    """Regular files under ``root`` (symbolic links neither followed nor taken) last changed before ``before``."""
    for directory, _subdirectories, names in os.walk(root):
        for name in sorted(names):
            path = Path(directory) / name
            if not path.is_symlink() and path.is_file() and path.stat().st_mtime < before:
                yield path


def _file_fields() -> list[tuple[type[models.Model], str]]:
    """Every file field of every installed model that has a table, ``PendingUpload`` first.

    A claim moves a name from a pending row to a domain row in one transaction; reading the pending rows
    first means a name in flight is seen in one of the two reads.
    """
    tables = set(connection.introspection.table_names())
    fields = [
        (model, field.name)
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in tables
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]
    return sorted(fields, key=lambda pair: pair[0] is not PendingUpload)


def _referenced() -> set[str]:
    """The storage names under ``UPLOAD_DIR`` that any row refers to."""
    found: set[str] = set()
    for model, field in _file_fields():
        rows = model._base_manager.filter(**{f"{field}__startswith": f"{UPLOAD_DIR}/"})
        found.update(str(name) for name in rows.values_list(field, flat=True))
    return found


def orphans_purge(
    *, now: datetime | None = None, grace: timedelta = ORPHAN_GRACE, limit: int = ORPHAN_LIMIT
) -> OrphanResult:
    """Remove files in the upload directory that no row refers to.

    Bounded and safe: only regular files inside ``UPLOAD_DIR`` of the default storage, only those unchanged for
    ``grace`` (a file is written just before its row), at most ``limit`` removed per run.
    """
    media = Path(default_storage.path("")).resolve()
    root = Path(default_storage.path(UPLOAD_DIR)).resolve()
    if not root.is_dir() or not root.is_relative_to(media):
        return OrphanResult(examined=0, removed=0)
    before = ((now or timezone.now()) - grace).timestamp()
    referenced = _referenced()
    examined = removed = 0
    for path in _old_files(root, before=before):
        if removed >= limit:
            break
        examined += 1
        if path.resolve().is_relative_to(root) and path.relative_to(media).as_posix() not in referenced:
            path.unlink(missing_ok=True)
            removed += 1
    return OrphanResult(examined=examined, removed=removed)
