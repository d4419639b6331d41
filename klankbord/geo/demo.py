"""Demo step of the geo app: make sure the reference data is complete (the migration loads it; this repairs it),
and seat parties in the demo's municipal councils (the local parties are entered once, as the admin would)."""

from __future__ import annotations

import time

from klankbord.core.demo import DemoContext

from .partylist import DEMO_COUNCILS, DEMO_SEATED_EVERYWHERE
from .services import parties_seed, reference_data_load


def seed(context: DemoContext) -> None:
    started = time.perf_counter()
    result = reference_data_load(actor=None)
    verdict = "bijgewerkt" if result.changed else "al compleet"
    context.write(f"    Gemeenten en regio-indelingen {verdict} ({time.perf_counter() - started:.2f} s)")
    seats = parties_seed(councils=DEMO_COUNCILS, everywhere=DEMO_SEATED_EVERYWHERE)
    context.write(f"    Partijen in {len(DEMO_COUNCILS)} gemeenteraden ({seats} zetels toegevoegd)")
