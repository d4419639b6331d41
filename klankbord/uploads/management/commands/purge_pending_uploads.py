"""Remove expired pending uploads, orphaned and empty media files (run daily from cron or a systemd timer)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klankbord.uploads.services import ORPHAN_GRACE, ORPHAN_LIMIT, orphans_purge, pending_uploads_purge


class Command(BaseCommand):
    help = (
        "Remove pending uploads whose form was never completed, then files in the media directories of file "
        "fields that no row refers to and that are older than the grace period, and empty files (a failed "
        "write). Safe to repeat."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--grace-hours",
            type=int,
            default=int(ORPHAN_GRACE.total_seconds() // 3600),
            help="only remove orphaned files unchanged for this many hours (default: %(default)s)",
        )
        parser.add_argument(
            "--limit",
            type=int,
            default=ORPHAN_LIMIT,
            help="remove at most this many orphaned files (default: %(default)s)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["grace_hours"] < 1 or options["limit"] < 1:
            raise CommandError("--grace-hours and --limit must be at least 1")
        removed = pending_uploads_purge()
        orphans = orphans_purge(grace=timedelta(hours=options["grace_hours"]), limit=options["limit"])
        self.stdout.write(f"removed {removed} pending upload(s)")
        self.stdout.write(
            f"removed {orphans.removed} orphaned file(s) of {orphans.examined} examined"
            f" ({orphans.empty} of them empty)"
        )
