from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

PROJECT_CASES = Path(settings.BASE_DIR) / "tests" / "signals" / "data" / "deid_cases.json"


class Command(BaseCommand):
    help = (
        "Signal tools. `check-warnings`: run the early-warning test for last month and mail the coordinators "
        "about new warnings (schedule it monthly, e.g. on the 2nd). `sweep-cases`: record closed cases with "
        "consent that have not contributed yet (idempotent). `deid-eval`: recall and survival of the "
        "de-identification per kind, plain deduce against the project pipeline, on the test part of the "
        "evaluation set unless told otherwise, with every miss listed and the sentence as redacted. "
        "`deid-bench`: texts per second of the pipeline and of plain deduce, side by side. `deid-warm`: build "
        "deduce's lookup cache now if this machine has none for this deduce version (set-up, deploy time and CI; "
        "the first build takes minutes, later runs only load it)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action", choices=["check-warnings", "sweep-cases", "deid-eval", "deid-bench", "deid-warm"]
        )
        parser.add_argument(
            "--cases",
            default="",
            help=f"deid-eval: another set (JSONL or JSON), e.g. the project's own {PROJECT_CASES}",
        )
        parser.add_argument(
            "--split",
            default="test",
            help="deid-eval: only cases of this split (dev, test; 'all' for every case)",
        )
        parser.add_argument("--repeats", type=int, default=5, help="deid-bench: rounds over the 200 texts")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "check-warnings":
            from klankbord.signals.services import warnings_check

            created = warnings_check()
            self.stdout.write(f"{len(created)} new warning(s).")
        elif action == "sweep-cases":
            from klankbord.signals.services import signals_sweep_closed_cases

            self.stdout.write(f"{signals_sweep_closed_cases()} closed case(s) recorded.")
        elif action == "deid-warm":
            self._warm()
        elif action == "deid-bench":
            self._bench(options["repeats"])
        else:
            self._evaluate(options["cases"], options["split"])

    def _warm(self) -> None:
        from klankbord.deidentify import prepare
        from klankbord.deidentify.engine import LOAD_SECONDS, cache_dir

        started = time.perf_counter()
        prepare()
        kind = next(iter(LOAD_SECONDS), "warm")
        self.stdout.write(
            f"deduce ready in {time.perf_counter() - started:.1f} s ({kind}; cache: {cache_dir()})."
        )

    def _evaluate(self, cases: str, split: str) -> None:
        from klankbord.deidentify.engine import warm
        from klankbord.deidentify.evaluation import EVALUATION_SET, evaluate_file, format_report

        warm()
        path = Path(cases) if cases else EVALUATION_SET
        if not path.exists():
            raise CommandError(f"No test set at {path}.")
        self.stdout.write(f"{path.name}, split: {split}")
        self.stdout.write(format_report(evaluate_file(path, split=None if split == "all" else split)))

    def _bench(self, repeats: int) -> None:
        from klankbord.deidentify.benchmark import benchmark_texts, format_benchmark, not_fixed_points, run
        from klankbord.deidentify.engine import warm

        warm()
        texts = benchmark_texts()
        plain, pipeline = run(texts, repeats=repeats)
        self.stdout.write(format_benchmark(texts, plain, pipeline))
        self.stdout.write(
            f"outputs a second full run would still change: {not_fixed_points(texts)} of {len(texts)}"
        )
