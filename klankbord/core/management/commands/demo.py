"""`klankbord demo`: set everything up on SQLite with synthetic data, print the logins and serve the app."""

from __future__ import annotations

import importlib
import threading
import time
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from klankbord.core.demo import DEMO_PASSWORD, DemoContext, demo_site_url
from klankbord.deidentify import engine, prepare


class Command(BaseCommand):
    help = "Set up a demo on SQLite (migrate, reference data, synthetic data), print logins and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="set up and print logins, do not serve")
        parser.add_argument(
            "--addrport", default="127.0.0.1:8000", help="where to serve (default 127.0.0.1:8000)"
        )

    def handle(
        self, *args: Any, no_serve: bool = False, addrport: str = "127.0.0.1:8000", **options: Any
    ) -> None:
        if settings.PRODUCTION:
            raise CommandError("The demo refuses to run with KLANKBORD_ENV=production.")
        started = time.monotonic()
        if not no_serve:
            # Every link in every mail must lead back to where this demo serves, not to the default port.
            settings.SITE_URL = demo_site_url(addrport)
        self._step(1, "Database klaarzetten (migraties)")
        call_command("migrate", interactive=False, verbosity=1)
        self._step(2, "Demogegevens aanmaken (fictieve personen, echte gemeenten)")
        context = DemoContext(write=self.stdout.write)
        for module in self._demo_modules():
            with transaction.atomic():
                module.seed(context)
        self._step(3, "De-identificatie klaarzetten (eenmalig per machine enkele minuten)")
        if engine.ensure_cache():
            self.stdout.write(f"  gebouwd in {engine.cache_dir()}")
        self._step(4, f"Klaar in {time.monotonic() - started:.1f} s")
        self._print_logins(context)
        if not no_serve:
            # Loaded while the demo user logs in, not during their first signal preview (runserver forks nothing).
            threading.Thread(target=prepare, name="deidentify-prepare", daemon=True).start()
            self.stdout.write(f"\nKlankbord draait op {settings.SITE_URL}/  (stoppen: Ctrl+C)\n")
            call_command("runserver", addrport, use_reloader=False, skip_checks=True)

    def _step(self, number: int, label: str) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(f"[{number}/4] {label}"))

    def _demo_modules(self) -> list[Any]:
        modules = []
        for config in apps.get_app_configs():
            if not config.name.startswith("klankbord."):
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            if hasattr(module, "seed"):
                modules.append(module)
        return modules

    def _print_logins(self, context: DemoContext) -> None:
        self.stdout.write(
            "\nDemo-logins (wachtwoord voor allemaal: " + self.style.SUCCESS(DEMO_PASSWORD) + ")"
        )
        for role, email, secret in context.logins:
            mfa = f"TOTP-geheim {secret}" if secret else "geen tweestapsverificatie nodig"
            self.stdout.write(f"  {role:<22} {email:<42} {mfa}")
        self.stdout.write(
            "\nTweestapsverificatie: voeg het TOTP-geheim toe aan een authenticator-app, of vraag de huidige code op"
            " met:\n  uv run klankbord demo_code <e-mailadres>"
        )
