"""Throughput of the de-identifier against plain deduce, on the same texts in the same process.

The texts are built from the evaluation set: sentences joined until each is about 500 characters, the length
of a typical signal's toelichting. Each repeat times both redactors over all texts, alternating which goes
first, so that load from other processes on a shared machine hits both alike; the ratio of the two is the
figure to read, the absolute times move with the machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from . import deidentify
from .engine import get_deduce
from .evaluation import load_cases

TEXT_LENGTH = 500


def benchmark_texts(count: int = 200, length: int = TEXT_LENGTH) -> list[str]:
    """``count`` texts of about ``length`` characters, each a run of consecutive evaluation sentences."""
    sentences = [case["text"] for case in load_cases()]
    texts: list[str] = []
    position = 0
    while len(texts) < count:
        parts: list[str] = []
        while sum(len(part) + 1 for part in parts) < length:
            parts.append(sentences[position % len(sentences)])
            position += 1
        texts.append(" ".join(parts)[:length])
    return texts


@dataclass(frozen=True)
class Timing:
    name: str
    seconds: list[float]  # one total per repeat

    def per_second(self, texts: int) -> tuple[float, float]:
        """(worst, median) texts per second over the repeats."""
        return texts / max(self.seconds), texts / statistics.median(self.seconds)


def _plain(text: str) -> object:
    return get_deduce().deidentify(text)


def _pipeline(text: str) -> object:
    return deidentify(text)


def _total(function: Callable[[str], object], texts: list[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        function(text)
    return time.perf_counter() - started


def run(texts: list[str], repeats: int = 5) -> tuple[Timing, Timing]:
    """(plain deduce, pipeline) totals per repeat, after one warm-up round of each."""
    _total(_plain, texts[:20])
    _total(_pipeline, texts[:20])
    plain: list[float] = []
    pipeline: list[float] = []
    for repeat in range(repeats):
        if repeat % 2:
            pipeline.append(_total(_pipeline, texts))
            plain.append(_total(_plain, texts))
        else:
            plain.append(_total(_plain, texts))
            pipeline.append(_total(_pipeline, texts))
    return Timing("deduce", plain), Timing("pipeline", pipeline)


def format_benchmark(texts: list[str], plain: Timing, pipeline: Timing) -> str:
    count = len(texts)
    lines = [f"{count} texts of {TEXT_LENGTH} characters, {len(plain.seconds)} repeats (warm)"]
    for timing in (plain, pipeline):
        worst, median = timing.per_second(count)
        lines.append(
            f"{timing.name:<9} median {1000 * statistics.median(timing.seconds) / count:6.2f} ms/text "
            f"({median:5.0f}/s), worst {1000 * max(timing.seconds) / count:6.2f} ms/text ({worst:5.0f}/s)"
        )
    ratios = [p / d for p, d in zip(pipeline.seconds, plain.seconds, strict=True)]
    lines.append(f"ratio pipeline/deduce: min {min(ratios):.2f}, median {statistics.median(ratios):.2f}")
    return "\n".join(lines)


def not_fixed_points(texts: list[str]) -> int:
    """How many outputs the full pipeline (deduce included) would still change: the confirm step's failures."""
    return sum(deidentify(output := deidentify(text).text).text != output for text in texts)
