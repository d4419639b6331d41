"""Pending uploads: stored encrypted, found only by their own use's token, claimed or taken once, purged in time;
orphaned files in the upload directory are removed, and nothing else is."""

from __future__ import annotations

import os
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from klankbord.uploads import services
from klankbord.uploads.models import UPLOAD_DIR, PendingUpload
from klankbord.uploads.policy import CheckedUpload, UploadPolicy
from tests.factories.files import pdf_bytes

pytestmark = pytest.mark.django_db

POLICY = UploadPolicy(use="tests.document", types={"application/pdf": ("pdf",)}, max_bytes=1024 * 1024)
OTHER = UploadPolicy(use="tests.other", types={"application/pdf": ("pdf",)}, max_bytes=1024 * 1024)
DAYS_AGO = timedelta(days=3)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def _checked() -> CheckedUpload:
    return CheckedUpload(name="brief.pdf", content_type="application/pdf", data=pdf_bytes())


def _file(media: Path, name: str, *, age: timedelta = DAYS_AGO) -> Path:
    path = media / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"sealed")
    moment = (timezone.now() - age).timestamp()
    os.utime(path, (moment, moment))
    return path


def test_the_policy_sniffs_the_content_and_matches_the_extension() -> None:
    assert POLICY.sniff(pdf_bytes()) == "application/pdf"
    assert POLICY.sniff(b"<html>not a pdf</html>") is None
    assert POLICY.extension_fits("application/pdf", "Brief.PDF")
    assert not POLICY.extension_fits("application/pdf", "brief.html")


def test_a_stored_upload_is_encrypted_on_disk_and_found_by_its_token(_media_in_tmp: Path) -> None:
    token = services.pending_upload_store(policy=POLICY, upload=_checked())
    pending = services.pending_upload_get(policy=POLICY, token=token)
    assert pending is not None and pending.original_name == "brief.pdf" and pending.size == len(pdf_bytes())
    assert str(pending.file.name).startswith(f"{UPLOAD_DIR}/") and "brief" not in str(pending.file.name)
    assert b"%PDF" not in (_media_in_tmp / str(pending.file.name)).read_bytes()


def test_a_token_is_useless_for_another_use_or_when_forged() -> None:
    token = services.pending_upload_store(policy=POLICY, upload=_checked())
    assert services.pending_upload_get(policy=OTHER, token=token) is None
    assert services.pending_upload_get(policy=POLICY, token=token + "x") is None
    assert services.pending_upload_get(policy=POLICY, token="") is None


def test_a_token_expires_with_the_policy_lifetime(time_machine: Any) -> None:
    token = services.pending_upload_store(policy=POLICY, upload=_checked())
    time_machine.move_to(timezone.now() + POLICY.lifetime + timedelta(minutes=1))
    assert services.pending_upload_get(policy=POLICY, token=token) is None


def test_only_checked_content_can_be_stored() -> None:
    with pytest.raises(ValueError, match="checked"):
        services.pending_upload_store(
            policy=POLICY, upload=CheckedUpload(name="x.png", content_type="image/png", data=b"x")
        )
    assert not PendingUpload.objects.exists()


def test_taking_returns_the_content_and_removes_row_and_file(_media_in_tmp: Path) -> None:
    token = services.pending_upload_store(policy=POLICY, upload=_checked())
    pending = services.pending_upload_get(policy=POLICY, token=token)
    assert pending is not None
    path = _media_in_tmp / str(pending.file.name)
    taken = services.pending_upload_take(pending=pending)
    assert taken == _checked()
    assert not path.exists() and not PendingUpload.objects.exists()


def test_claiming_hands_the_file_over_and_removes_only_the_row(_media_in_tmp: Path) -> None:
    token = services.pending_upload_store(policy=POLICY, upload=_checked())
    pending = services.pending_upload_get(policy=POLICY, token=token)
    assert pending is not None
    name = services.pending_upload_claim(pending=pending)
    assert (_media_in_tmp / name).exists() and not PendingUpload.objects.exists()
    assert services.pending_upload_get(policy=POLICY, token=token) is None


def test_the_purge_removes_expired_uploads_with_their_files_and_keeps_fresh_ones(_media_in_tmp: Path) -> None:
    services.pending_upload_store(policy=POLICY, upload=_checked())
    other = services.pending_upload_get(
        policy=OTHER, token=services.pending_upload_store(policy=OTHER, upload=_checked())
    )
    assert other is not None
    assert services.pending_uploads_purge() == 0
    later = timezone.now() + POLICY.lifetime
    assert services.pending_uploads_purge(now=later, policy=POLICY) == 1
    assert list(PendingUpload.objects.values_list("use", flat=True)) == [OTHER.use]
    assert services.pending_uploads_purge(now=later) == 1
    assert not (_media_in_tmp / str(other.file.name)).exists() and not PendingUpload.objects.exists()


def test_old_orphans_in_the_media_directories_are_removed_and_nothing_else(_media_in_tmp: Path) -> None:
    token = services.pending_upload_store(policy=POLICY, upload=_checked())
    pending = services.pending_upload_get(policy=POLICY, token=token)
    assert pending is not None
    kept = _media_in_tmp / str(pending.file.name)
    moment = (timezone.now() - DAYS_AGO).timestamp()
    os.utime(kept, (moment, moment))
    orphan = _file(_media_in_tmp, f"{UPLOAD_DIR}/2026/01/orphan.pdf")
    recent = _file(_media_in_tmp, f"{UPLOAD_DIR}/2026/01/recent.pdf", age=timedelta(hours=1))
    elsewhere = _file(_media_in_tmp, "attachments/2026/01/unreferenced.pdf")
    outside = _file(_media_in_tmp.parent, "outside.pdf")
    (_media_in_tmp / UPLOAD_DIR / "link.pdf").symlink_to(outside)

    result = services.orphans_purge()

    assert result.removed == 2 and not orphan.exists() and not elsewhere.exists()
    assert kept.exists() and recent.exists() and outside.exists()


def test_the_orphan_purge_removes_a_bounded_number_of_files_per_run(_media_in_tmp: Path) -> None:
    for number in range(5):
        _file(_media_in_tmp, f"{UPLOAD_DIR}/2026/01/orphan-{number}.pdf")
    assert services.orphans_purge(limit=2) == services.OrphanResult(examined=2, removed=2)
    assert services.orphans_purge() == services.OrphanResult(examined=3, removed=3)


def test_the_orphan_purge_is_a_no_op_without_an_upload_directory() -> None:
    assert services.orphans_purge() == services.OrphanResult(examined=0, removed=0)


def test_the_command_purges_expired_uploads_and_orphans(_media_in_tmp: Path, time_machine: Any) -> None:
    services.pending_upload_store(policy=POLICY, upload=_checked())
    orphan = _file(_media_in_tmp, f"{UPLOAD_DIR}/2026/01/orphan.pdf")
    time_machine.move_to(timezone.now() + POLICY.lifetime + timedelta(minutes=1))
    out = StringIO()
    call_command("purge_pending_uploads", stdout=out)
    assert "removed 1 pending upload(s)" in out.getvalue()
    assert "removed 1 orphaned file(s)" in out.getvalue()
    assert not orphan.exists() and not PendingUpload.objects.exists()


def _application_whose_cv_is(name: str) -> None:
    """A domain row (a recruitment application) that refers to ``name`` through its own file field."""
    from klankbord.geo.models import Municipality, Region
    from klankbord.geo.selectors import active_scheme
    from klankbord.recruitment import services as recruitment
    from klankbord.recruitment.models import Application, Vacancy
    from klankbord.recruitment.uploads import CheckedCV

    region = Region.objects.filter(scheme=active_scheme()).order_by("name")[0]
    municipality = Municipality.objects.filter(memberships__region=region).order_by("name")[0]
    data = recruitment.ApplicantData(
        name="Kandidaat",
        email="kandidaat@example.test",
        phone="",
        home_municipality=municipality,
        background_kind="council_member",
        background="Raadslid.",
        motivation="Steunen.",
        consent_keep=False,
    )
    application = recruitment.application_submit(
        vacancy=Vacancy.objects.create(region=region, positions=1),
        data=data,
        cv=CheckedCV(filename="cv.pdf", kind="pdf", content=pdf_bytes()),
    )
    Application.objects.filter(pk=application.pk).update(cv=name)


def test_a_file_handed_over_to_a_domain_row_is_no_orphan(_media_in_tmp: Path) -> None:
    adopted = _file(_media_in_tmp, f"{UPLOAD_DIR}/2026/01/adopted.pdf")
    _application_whose_cv_is(f"{UPLOAD_DIR}/2026/01/adopted.pdf")
    assert services.orphans_purge() == services.OrphanResult(examined=1, removed=0)
    assert adopted.exists()


def test_the_purge_walks_every_media_directory_of_a_file_field_and_removes_empty_files(
    _media_in_tmp: Path,
) -> None:
    """An orphaned encrypted attachment or CV and an empty file from a failed write do not survive the purge
    (issue 15, item 4); a referenced file, a fresh empty file and anything outside those directories do."""
    assert {"attachments", "recruitment", UPLOAD_DIR} <= set(services.upload_directories())
    orphans = [
        _file(_media_in_tmp, "attachments/2026/01/orphan.png"),
        _file(_media_in_tmp, "recruitment/cv/orphan.bin"),
    ]
    empty = _file(_media_in_tmp, "attachments/2026/01/empty.png", age=timedelta(hours=1))
    empty.write_bytes(b"")
    os.utime(empty, ((timezone.now() - timedelta(hours=1)).timestamp(),) * 2)
    fresh_empty = _file(_media_in_tmp, f"{UPLOAD_DIR}/2026/01/being-written.png", age=timedelta(seconds=5))
    fresh_empty.write_bytes(b"")
    token = services.pending_upload_store(policy=POLICY, upload=_checked())
    pending = services.pending_upload_get(policy=POLICY, token=token)
    assert pending is not None
    referenced = _media_in_tmp / str(pending.file.name)
    os.utime(referenced, ((timezone.now() - DAYS_AGO).timestamp(),) * 2)
    unrelated = _file(_media_in_tmp, "klankbord.sqlite3")

    result = services.orphans_purge()

    assert result.removed == 3 and result.empty == 1
    assert not any(path.exists() for path in [*orphans, empty])
    assert referenced.exists() and fresh_empty.exists() and unrelated.exists()
