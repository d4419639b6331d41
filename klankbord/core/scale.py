"""Scale data: N x one year of national data, for benchmarks and capacity planning (``klankbord scale-data``).

The command calls ``generate(context)`` in every installed app that has a ``scale`` module, in the order of
INSTALLED_APPS, so each app writes only its own models (the write guard of the test suite checks it). Apps hand
each other what they made (primary keys, never instances of another app's models) through ``context.shared``.

Rows are built as model instances and stored with ``bulk_create`` in batches: the encrypted fields encrypt each
value on the way in (``get_prep_value``), so the columns hold real ciphertext. One year at scale 1 follows the
domain notes: about 3,000 reports, 40 ambassadors, 30,000 messages, 10,000 signals and 300,000 audit entries.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TextIO, TypeVar

from django.utils import timezone

T = TypeVar("T")

# Volumes of one year at scale 1 (docs/performance.md; domain notes for the derivation).
PER_YEAR = {
    "reports": 3_000,
    "ambassadors": 40,
    "messages": 30_000,
    "signals": 10_000,
    "audit": 300_000,
    "applications": 150,
    "time_entries": 2_000,
}
BATCH = 2_000


@dataclass
class ScaleContext:
    scale: float
    seed: int = 2026
    out: TextIO = field(default_factory=lambda: sys.stderr)
    shared: dict[str, Any] = field(default_factory=dict)
    now: datetime = field(default_factory=timezone.now)
    timings: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)  # noqa: S311 (synthetic data, not security related)

    @property
    def years(self) -> int:
        """Whole years the data spans (at least one): 10x is ten years of the national picture."""
        return max(1, round(self.scale))

    def count(self, kind: str) -> int:
        """How many rows of ``kind`` this scale asks for (at least one)."""
        return max(1, round(PER_YEAR[kind] * self.scale))

    def moment(self, fraction: float) -> datetime:
        """A moment ``fraction`` (0 = oldest, 1 = now) through the span of the data."""
        return self.now - timedelta(days=365 * self.years * (1 - fraction))

    def batches(self, label: str, items: Iterable[T], total: int, size: int = BATCH) -> Iterator[list[T]]:
        """``items`` in lists of ``size``, with a progress line on stderr as each batch is handed out."""
        started, done, batch = time.perf_counter(), 0, []
        for item in items:
            batch.append(item)
            if len(batch) >= size:
                yield batch
                done += len(batch)
                batch = []
                self._progress(label, done, total, started)
        if batch:
            yield batch
            done += len(batch)
        self._progress(label, done, total, started, final=True)
        self.timings[label] = self.timings.get(label, 0.0) + time.perf_counter() - started

    def _progress(self, label: str, done: int, total: int, started: float, final: bool = False) -> None:
        elapsed = max(time.perf_counter() - started, 1e-6)
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * min(filled, width) + "." * max(width - filled, 0)
        line = f"\r  {label:<22} [{bar}] {done:>9,}/{total:,}  {done / elapsed:,.0f}/s"
        self.out.write(line + ("\n" if final else ""))
        self.out.flush()


def weighted(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()), k=1)[0]
