from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klankbord.geo.reference import ReferenceDataError


class Command(BaseCommand):
    help = (
        "Reference data tools. `klankbord geo load` loads or updates the 342 municipalities, the built-in "
        "region schemes and adjacency (safe to repeat); `klankbord geo check` verifies that every "
        "municipality is in exactly one region of every scheme."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action", choices=["load", "check"], help="load: load the reference data; check: verify"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            self._load()
        else:
            self._check()

    def _load(self) -> None:
        from klankbord.geo.services import reference_data_load

        started = time.perf_counter()
        self.stdout.write("Loading municipalities, region schemes and adjacency…")
        try:
            result = reference_data_load(actor=None)
        except ReferenceDataError as error:
            raise CommandError(f"The reference data is broken: {error}") from error
        seconds = time.perf_counter() - started
        if result.changed:
            counts = {key: value for key, value in result.as_audit_data().items() if value}
            self.stdout.write(", ".join(f"{key}: {value}" for key, value in counts.items()))
        for code in result.unknown_codes:
            self.stderr.write(
                self.style.WARNING(f"{code} is in the database but no longer in the reference data.")
            )
        verdict = "updated" if result.changed else "already up to date"
        self.stdout.write(self.style.SUCCESS(f"Reference data {verdict} ({seconds:.2f} s)."))

    def _check(self) -> None:
        from klankbord.geo.models import Municipality, RegionScheme
        from klankbord.geo.selectors import scheme_check

        broken = []
        for scheme in RegionScheme.objects.order_by("slug"):
            check = scheme_check(scheme)
            if not check.ok:
                broken.append(
                    f"{scheme.slug}: {len(check.missing)} without region, {len(check.mismatched)} mismatched"
                )
        if not RegionScheme.objects.filter(is_active=True).exists():
            broken.append("no scheme is active")
        if broken:
            raise CommandError("Region schemes are incomplete: " + "; ".join(broken))
        total = Municipality.objects.count()
        schemes = RegionScheme.objects.count()
        self.stdout.write(
            self.style.SUCCESS(f"{total} municipalities, each in one region of all {schemes} schemes.")
        )
