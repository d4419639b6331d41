"""`klankbord demo_code <email>`: print the current TOTP code of a demo account (development only)."""

from __future__ import annotations

import time
from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from klankbord.core.demo import DEMO_DOMAIN, demo_totp_secret

TOTP_PERIOD = 30


class Command(BaseCommand):
    help = "Print the current six-digit MFA code of a demo account (refused in production)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, email: str, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("demo_code is not available in production.")
        if not email.lower().endswith(f"@{DEMO_DOMAIN}"):
            raise CommandError(f"Only demo accounts (…@{DEMO_DOMAIN}) have a known code.")
        now = int(time.time())
        code = format_hotp_value(hotp_value(demo_totp_secret(email.lower()), now // TOTP_PERIOD))
        self.stdout.write(f"{code}  (nog {TOTP_PERIOD - now % TOTP_PERIOD} s geldig)")
