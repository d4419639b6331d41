"""Demo step of the geo app: make sure the reference data is complete (the migration loads it; this repairs it)."""

from __future__ import annotations

import time

from klankbord.core.demo import DemoContext

from .services import reference_data_load


def seed(context: DemoContext) -> None:
    started = time.perf_counter()
    result = reference_data_load(actor=None)
    verdict = "bijgewerkt" if result.changed else "al compleet"
    context.write(f"    Gemeenten en regio-indelingen {verdict} ({time.perf_counter() - started:.2f} s)")
