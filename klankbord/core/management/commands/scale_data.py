"""``klankbord scale-data --scale N``: N x one year of national data, for the benchmark (``bench/``)."""

from __future__ import annotations

import importlib
import sys
import time
from types import ModuleType
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from klankbord.core.scale import ScaleContext


def scale_modules() -> list[ModuleType]:
    """Every installed app's ``scale`` module with a ``generate``, in INSTALLED_APPS order then by ``ORDER``."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("klankbord."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.scale")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.scale":
                raise
            continue
        if hasattr(module, "generate"):
            modules.append(module)
    return sorted(modules, key=lambda module: getattr(module, "ORDER", 50))


class Command(BaseCommand):
    help = (
        "Generate N x one year of national data (1x ≈ 3,000 reports, 40 ambassadors, 30,000 messages, "
        "10,000 signals, 300,000 audit entries) into an empty, migrated database. Never in production."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="years of national data (default 1)")
        parser.add_argument(
            "--seed", type=int, default=2026, help="random seed: the same seed, the same data"
        )
        parser.add_argument("--append", action="store_true", help="add to existing data (default: refuse it)")

    def handle(
        self, *args: Any, scale: float = 1.0, seed: int = 2026, append: bool = False, **options: Any
    ) -> None:
        if settings.PRODUCTION:
            raise CommandError("scale-data refuses to run with KLANKBORD_ENV=production.")
        if scale <= 0:
            raise CommandError("--scale must be positive.")
        # The progress bar rewrites its line with \r: the raw stream, not the wrapper that appends newlines.
        context = ScaleContext(scale=scale, seed=seed, out=getattr(self.stderr, "_out", sys.stderr))
        started = time.perf_counter()
        with transaction.atomic():
            if not append:
                self._refuse_filled()
            for module in scale_modules():
                step = time.perf_counter()
                module.generate(context)
                label = module.__name__.removeprefix("klankbord.").removesuffix(".scale")
                context.timings[f"app {label}"] = time.perf_counter() - step
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # fresh statistics, as autovacuum would gather them
                cursor.execute("ANALYZE")
        self.stdout.write(f"scale-data {scale:g}x (seed {seed}) in {time.perf_counter() - started:.1f} s")
        for label, seconds in context.timings.items():
            if label.startswith("app "):
                self.stdout.write(f"  {label[4:]:<14} {seconds:6.1f} s")

    def _refuse_filled(self) -> None:
        from django.apps import apps as registry

        if registry.get_model("reports", "Report").objects.exists():
            raise CommandError("The database already holds reports: scale-data fills an empty database only.")
