"""`klankbord recruitment purge`: remove applicants' data and files whose retention term has passed.

Schedule it daily in production (cron or a systemd timer); it is idempotent and every removal is audited.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Recruitment tools. `klankbord recruitment purge` deletes applications (with their CV, scores, interviews "
        "and onboarding checklist) whose retention term has passed: one year after the procedure with consent, "
        "else four weeks. Also removes CVs kept for an unfinished form after a day. Safe to repeat."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action",
            choices=["purge", "vog-reminders"],
            help="purge: remove expired applicant data; vog-reminders: remind of VOGs to renew within 60 days",
        )
        parser.add_argument("--dry-run", action="store_true", help="only count what would be removed")

    def handle(self, *args: Any, **options: Any) -> None:
        from django.utils import timezone

        if options["action"] == "vog-reminders":
            from klankbord.recruitment.services import vog_reminders_send

            sent = vog_reminders_send()
            self.stdout.write(
                self.style.SUCCESS(f"Reminded {sent.ambassadors} ambassador(s): {sent.mails} mail(s).")
            )
            return

        from klankbord.recruitment.selectors import applications_due_for_purge
        from klankbord.recruitment.services import applications_purge

        if options["dry_run"]:
            due = applications_due_for_purge(now=timezone.now()).count()
            self.stdout.write(f"{due} application(s) are due for removal (dry run: nothing removed).")
            return
        result = applications_purge()
        self.stdout.write(
            self.style.SUCCESS(
                f"Removed {result.applications} application(s), {result.files} file(s) and "
                f"{result.pending_uploads} unfinished upload(s)."
            )
        )
