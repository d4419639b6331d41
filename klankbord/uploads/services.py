"""Store, claim and purge pending uploads, and remove orphaned files from the upload directory.

The form carries a signed token (salted per use, valid for the policy's lifetime) that can only refer to the
file, never read it back. Domain services claim the file inside their own transaction and write their audit
entry there; these services write none, as nothing user-visible happens until a domain claims a file.
"""

from __future__ import annotations

import logging
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
from django.utils.translation import gettext as _

from klankbord.core.errors import DomainError

from .models import UPLOAD_DIR, PendingUpload
from .policy import CheckedUpload, UploadPolicy
from .quota import UploadOwner, quota_check

logger = logging.getLogger(__name__)

ORPHAN_GRACE = timedelta(days=2)  # longer than any pending lifetime, so a file being stored is never taken
EMPTY_GRACE = timedelta(minutes=15)  # an empty file older than this is no write in progress
ORPHAN_LIMIT = 1_000  # files removed per run at most; the next run takes the rest


def _salt(policy: UploadPolicy) -> str:
    return f"klankbord.uploads.pending:{policy.use}"


def pending_upload_store(
    *, policy: UploadPolicy, upload: CheckedUpload, owner: UploadOwner | None = None
) -> str:
    """Keep a checked file (encrypted by the storage) and return the signed token the form carries.

    Every request path passes the ``owner`` (``quota.upload_owner(request)``): past the owner's quota of pending
    bytes the file is refused before anything is written.
    """
    if upload.content_type not in policy.types or not 0 < upload.size <= policy.max_bytes:
        raise ValueError(f"{policy.use}: only files checked against the policy can be kept")
    if owner is not None:
        quota_check(owner=owner, name=upload.name, size=upload.size)
    now = timezone.now()
    pending = PendingUpload(
        session_hash=owner.session_hash if owner else "",
        address_hash=owner.address_hash if owner else "",
        use=policy.use,
        original_name=upload.name,
        content_type=upload.content_type,
        size=upload.size,
        created_at=now,
        expires_at=now + policy.lifetime,
    )
    extension = policy.storage_extension(upload.content_type)
    try:
        pending.file.save(f"pending.{extension}", ContentFile(upload.data), save=False)
    except OSError as error:  # a full or read-only disk: the form comes back with everything typed
        raise storage_failed(name=upload.name, error=error) from error
    try:
        pending.save()
    except Exception:
        pending.file.delete(save=False)  # no file without its row
        raise
    return signing.dumps(pending.key, salt=_salt(policy))


def storage_failed(*, name: str, error: OSError) -> DomainError:
    """The refusal shown when the storage cannot write a file; the cause goes to the log for the operator."""
    logger.error("upload storage failed: %s", error.strerror or error.__class__.__name__)
    message = _(
        "%(name)s: De bijlage kon niet worden opgeslagen. Wat u typte staat er nog: probeer het over een paar "
        "minuten opnieuw, of verstuur het formulier zonder deze bijlage."
    )
    return DomainError(message % {"name": name}, code="storage_failed")


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
    empty: int = 0  # of the removed files, how many were empty (a write that failed half-way)


def _old_files(root: Path, *, before: float) -> Iterator[Path]:
    """Regular files under ``root`` (symbolic links neither followed nor taken) last changed before ``before``."""
    for directory, _subdirectories, names in os.walk(root):
        for name in sorted(names):
            path = Path(directory) / name
            if not path.is_symlink() and path.is_file() and path.stat().st_mtime < before:
                yield path


def _file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    """Every file field of every installed model that has a table, ``PendingUpload`` first.

    A claim moves a name from a pending row to a domain row in one transaction; reading the pending rows
    first means a name in flight is seen in one of the two reads.
    """
    tables = set(connection.introspection.table_names())
    fields = [
        (model, field)
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy and model._meta.db_table in tables
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]
    return sorted(fields, key=lambda pair: pair[0] is not PendingUpload)


def _top_directory(field: models.FileField) -> str | None:
    """The first directory of the names ``field`` gives its files (its ``upload_to``), if it has one."""
    upload_to = field.upload_to
    try:
        sample = str(upload_to(None, "sample.bin") if callable(upload_to) else upload_to)
    except Exception:  # an upload_to that needs a real instance: its directory is not walked
        return None
    top = sample.replace("\\", "/").split("/", 1)[0]
    return top if top and top not in {".", ".."} and "/" in sample else None


def upload_directories() -> list[str]:
    """The directories of the media root that file fields write to: the ones the purge walks (and only those,
    so that a media root set to a wider directory by mistake never loses anything else)."""
    return sorted({top for _model, field in _file_fields() if (top := _top_directory(field))} | {UPLOAD_DIR})


def _referenced() -> set[str]:
    """The storage names that any row of any file field refers to."""
    found: set[str] = set()
    for model, field in _file_fields():
        rows = model._base_manager.exclude(**{field.name: ""})
        found.update(str(name) for name in rows.values_list(field.name, flat=True))
    return found


def orphans_purge(
    *,
    now: datetime | None = None,
    grace: timedelta = ORPHAN_GRACE,
    empty_grace: timedelta = EMPTY_GRACE,
    limit: int = ORPHAN_LIMIT,
) -> OrphanResult:
    """Remove files in the media directories of file fields that no row refers to, and empty files.

    Bounded and safe: only regular files inside those directories of the default storage, only files unchanged
    for ``grace`` (a file is written just before its row), empty ones once unchanged for ``empty_grace`` (an
    encrypted file is never empty, so an empty one is what a failed write left, row or not), at most ``limit``
    removed per run.
    """
    media = Path(default_storage.path("")).resolve()
    moment = now or timezone.now()
    before, empty_before = (moment - grace).timestamp(), (moment - empty_grace).timestamp()
    referenced = _referenced()
    examined = removed = empty = 0
    for top in upload_directories():
        root = (media / top).resolve()
        if not root.is_dir() or not root.is_relative_to(media) or root == media:
            continue
        for path in _old_files(root, before=max(before, empty_before)):
            if removed >= limit:
                return OrphanResult(examined=examined, removed=removed, empty=empty)
            examined += 1
            stat = path.stat()
            is_empty = stat.st_size == 0
            orphan = stat.st_mtime < before and path.relative_to(media).as_posix() not in referenced
            if path.resolve().is_relative_to(root) and (is_empty or orphan):
                path.unlink(missing_ok=True)
                removed += 1
                empty += int(is_empty)
    return OrphanResult(examined=examined, removed=removed, empty=empty)
