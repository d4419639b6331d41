"""`klankbord network send-reminders`: remind the invited of gatherings that start soon (once per gathering).

Schedule it daily; it is idempotent (a gathering is reminded of once, again only if its start time changes).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Network tools. `klankbord network send-reminders` mails everyone invited to a gathering that starts "
        "within KLANKBORD_GATHERING_REMINDER_DAYS days (default 7) and did not decline, once per gathering."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["send-reminders"], help="send-reminders: gatherings soon")

    def handle(self, *args: Any, **options: Any) -> None:
        from klankbord.network.services import gathering_reminders_send

        count = gathering_reminders_send()
        self.stdout.write(self.style.SUCCESS(f"Reminded the invited of {count} gathering(s)."))
