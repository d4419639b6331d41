"""The encrypted storage writes a new file or nothing: a taken name gets another (encrypted under it), and a
full or read-only disk leaves no empty or partial file behind (issue 15, item 4)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.factories.files import files_under, storage_fault


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def test_a_taken_name_gets_another_and_both_files_decrypt(media: Path) -> None:
    first = default_storage.save("uploads/x/same.bin", ContentFile(b"eerste"))
    second = default_storage.save("uploads/x/same.bin", ContentFile(b"tweede"))
    assert first != second
    assert (
        default_storage.open(first).read() == b"eerste" and default_storage.open(second).read() == b"tweede"
    )
    assert b"eerste" not in (media / first).read_bytes()


@pytest.mark.parametrize("kind", ["full", "read_only"])
def test_a_failed_write_leaves_no_file(media: Path, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    storage_fault(monkeypatch, media, kind=kind)
    with pytest.raises(OSError):
        default_storage.save("uploads/x/brief.bin", ContentFile(b"inhoud" * 1000))
    assert files_under(media) == []
