"""`klankbord support send-reminders`: request mails, reminders, expiry of unanswered requests, check-in
reminders. Schedule it hourly (cron or a systemd timer); it is idempotent."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Support tools. `klankbord support send-reminders` mails unsent requests to ambassadors, reminds them at "
        "half the answer time, returns unanswered requests to the counsellor after the deadline, and reminds "
        "ambassadors of aftercare check-ins. Safe to repeat."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["send-reminders"])

    def handle(self, *args: Any, **options: Any) -> None:
        from klankbord.support.services import support_send_reminders

        run = support_send_reminders()
        self.stdout.write(
            f"{run.requests_sent} request(s) sent, {run.reminders} reminder(s), {run.expired} expired, "
            f"{run.checkin_reminders} check-in reminder(s)"
        )
