from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klankbord.crypto.keyring import keyring, new_key_entry
from klankbord.crypto.rotation import rotate_all


class Command(BaseCommand):
    help = (
        "Encryption keys. `newkey` prints a new key entry to append to KLANKBORD_ENCRYPTION_KEYS; "
        "`rotate` re-encrypts every value, file and MFA secret under the newest key; `status` shows the key ring."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["newkey", "rotate", "status"])

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "newkey":
            self.stdout.write(new_key_entry())
            return
        ring = keyring()
        if action == "status":
            self.stdout.write(
                f"Keys configured: {', '.join(ring.keys)}; newest (encrypts): {ring.current_id}"
            )
            return
        report = rotate_all()
        self.stdout.write(
            f"Re-encrypted under key {ring.current_id}: {report.values} values, {report.files} files, "
            f"{report.mfa_secrets} MFA authenticators."
        )
        if report.problems:
            raise CommandError("Some items could not be re-encrypted:\n" + "\n".join(report.problems))
