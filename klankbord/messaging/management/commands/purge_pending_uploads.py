"""Remove uploads kept for forms that were never completed (run daily from cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from klankbord.messaging.services import pending_uploads_purge


class Command(BaseCommand):
    help = "Remove pending uploads older than a day (files kept while a form was being corrected)."

    def handle(self, *args: Any, **options: Any) -> None:
        removed = pending_uploads_purge()
        self.stdout.write(f"removed {removed} pending upload(s)")
