"""``klankbord purge_submissions``: forget handled form posts older than a day (core.submissions.KEEP)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from klankbord.core.submissions import submissions_purge


class Command(BaseCommand):
    help = "Delete the records of handled form submissions older than 24 hours (safe to repeat)."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = submissions_purge()
        self.stdout.write(f"{deleted} handled submission(s) deleted.")
