from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klankbord.audit.services import audit_verify


class Command(BaseCommand):
    help = "Audit log tools. `klankbord audit verify` checks the whole hash chain."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"], help="verify: recompute the hash chain")

    def handle(self, *args: Any, **options: Any) -> None:
        result = audit_verify()
        if not result.ok:
            raise CommandError(f"Audit chain BROKEN after {result.checked} good entries: {result.problem}.")
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {result.checked} entries verified."))
