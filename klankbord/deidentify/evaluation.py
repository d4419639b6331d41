"""Measure de-identification on hand-written test sets: recall on identifiers, survival of ordinary words.

Two formats. The evaluation set shipped with the package (``data/evaluation_nl.jsonl``, one case a line) gives
each identifier by position: ``{"id", "split", "style", "text", "spans": [[start, end, KIND], ...]}``. The
older project set (a JSON list) gives surfaces, ``"identifiers": [[surface, KIND], ...]``, and every
word-bounded occurrence of a surface is an expected identifier.

An identifier counts as found only when every non-space character of it is covered by a redaction (any kind:
a name redacted as a place is still gone); partial coverage is a miss. Ordinary tokens are the words outside
every expected identifier; survival is the share of them left untouched.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import find_spans
from .engine import deduce_spans
from .spans import DIRECT_KINDS, Kind, Span, merge, redact

Redactor = Callable[[str], list[Span]]


@dataclass
class Score:
    found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    expected: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    tokens: int = 0
    survived: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (case id, kind, surface)
    leaked: dict[tuple[str, str], str] = field(
        default_factory=dict
    )  # (case id, surface) -> what stayed visible
    redacted: dict[str, str] = field(default_factory=dict)  # case id -> the text as redacted, for each miss

    def recall(self, kinds: set[str] | None = None) -> float:
        keys = [k for k in self.expected if kinds is None or k in kinds]
        total = sum(self.expected[k] for k in keys)
        return sum(self.found[k] for k in keys) / total if total else 1.0

    @property
    def survival(self) -> float:
        return self.survived / self.tokens if self.tokens else 1.0


EVALUATION_SET = Path(__file__).resolve().parent / "data" / "evaluation_nl.jsonl"
SPLITS = ("dev", "test")


def load_cases(path: Path = EVALUATION_SET, split: str | None = None) -> list[dict]:
    """The cases of a JSONL set (one JSON object a line) or of a JSON list, optionally of one split only."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        cases = [json.loads(line) for line in raw.splitlines() if line.strip()]
    else:
        cases = json.loads(raw)
    return [case for case in cases if split is None or case.get("split") == split]


def expected_spans(case: dict) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, surface) of every annotated identifier; raises ValueError on a broken annotation."""
    if "spans" in case:
        return _positioned_spans(case)
    spans: list[tuple[int, int, str, str]] = []
    for surface, kind in case["identifiers"]:
        pattern = rf"(?<!\w){re.escape(surface)}(?!\w)"
        matches = list(re.finditer(pattern, case["text"]))
        if not matches:
            raise ValueError(f"case {case['id']}: {surface!r} does not occur in the text")
        spans.extend((m.start(), m.end(), kind, surface) for m in matches)
    return spans


def _positioned_spans(case: dict) -> list[tuple[int, int, str, str]]:
    text = case["text"]
    spans = []
    for start, end, kind in case["spans"]:
        surface = text[start:end]
        if not 0 <= start < end <= len(text) or surface != surface.strip():
            raise ValueError(f"case {case['id']}: span {start}-{end} is empty or has spaces at its edges")
        spans.append((start, end, kind, surface))
    return spans


def _covered(text: str, start: int, end: int, predicted: list[Span]) -> bool:
    return all(
        text[i].isspace() or any(span.start <= i < span.end for span in predicted) for i in range(start, end)
    )


def _visible(text: str, start: int, end: int, predicted: list[Span]) -> str:
    """The characters of an identifier that no redaction covers ('Jeroen B.' -> 'B.')."""
    return "".join(
        text[i] if not any(span.start <= i < span.end for span in predicted) else " "
        for i in range(start, end)
    ).strip()


def score_case(case: dict, redactor: Redactor, score: Score) -> None:
    text = case["text"]
    predicted = redactor(text)
    expected = expected_spans(case)
    for start, end, kind, surface in expected:
        score.expected[kind] += 1
        if _covered(text, start, end, predicted):
            score.found[kind] += 1
        else:
            score.misses.append((case["id"], kind, surface))
            score.leaked[(case["id"], surface)] = _visible(text, start, end, predicted)
            score.redacted[case["id"]] = redact(text, predicted)
    for token in re.finditer(r"\w+", text):
        if any(s < token.end() and token.start() < e for s, e, _k, _s in expected):
            continue
        score.tokens += 1
        if not any(span.start < token.end() and token.start() < span.end for span in predicted):
            score.survived += 1


def plain_deduce(text: str) -> list[Span]:
    """deduce as shipped (base configuration), without any of the project's lexicons or patterns."""
    return merge(text, deduce_spans(text))


REDACTORS: dict[str, Redactor] = {"deduce": plain_deduce, "pipeline": find_spans}
DIRECT = {kind.value for kind in DIRECT_KINDS}


def evaluate_file(path: Path, split: str | None = None) -> dict[str, Score]:
    return evaluate_cases(load_cases(path, split))


def evaluate_cases(cases: list[dict]) -> dict[str, Score]:
    """Both redactors (plain deduce, the pipeline) scored on ``cases``."""
    scores = {name: Score() for name in REDACTORS}
    for case in cases:
        for name, redactor in REDACTORS.items():
            score_case(case, redactor, scores[name])
    scores["_meta"] = Score(tokens=len(cases))
    return scores


def format_report(scores: dict[str, Score]) -> str:
    meta = scores.pop("_meta", Score())
    deduce, pipeline = scores["deduce"], scores["pipeline"]
    lines = [
        f"Sentences: {meta.tokens}",
        f"{'kind':<14}{'n':>5}{'deduce':>10}{'pipeline':>10}",
    ]
    for kind in sorted(pipeline.expected, key=lambda k: (k not in DIRECT, k)):
        n = pipeline.expected[kind]
        lines.append(f"{kind:<14}{n:>5}{deduce.found[kind] / n:>10.2f}{pipeline.found[kind] / n:>10.2f}")
    lines += [
        f"{'DIRECT recall':<19}{deduce.recall(DIRECT):>10.3f}{pipeline.recall(DIRECT):>10.3f}",
        f"{'quasi recall':<19}{deduce.recall(set(pipeline.expected) - DIRECT):>10.3f}"
        f"{pipeline.recall(set(pipeline.expected) - DIRECT):>10.3f}",
        f"{'all recall':<19}{deduce.recall():>10.3f}{pipeline.recall():>10.3f}",
        f"{'token survival':<19}{deduce.survival:>10.3f}{pipeline.survival:>10.3f}"
        f"  ({pipeline.tokens} ordinary tokens)",
        "",
        "Pipeline misses:" if pipeline.misses else "Pipeline misses: none",
        *_explained_misses(pipeline),
    ]
    return "\n".join(lines)


def _explained_misses(score: Score) -> list[str]:
    """One line per miss (case, kind, identifier, what stayed visible), then the sentence as redacted."""
    lines = []
    for case, kind, surface in score.misses:
        visible = score.leaked.get((case, surface), surface)
        left = "" if visible == surface else f" (visible: {visible!r})"
        lines.append(f"  {case}: {kind} {surface!r}{left}")
        lines.append(f"      -> {score.redacted.get(case, '')}")
    return lines


__all__ = ["EVALUATION_SET", "Kind", "evaluate_cases", "evaluate_file", "format_report", "load_cases"]
