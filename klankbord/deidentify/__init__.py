"""De-identification of Dutch free text before it is stored: deduce plus the project's own detectors.

``deidentify(text)`` returns the text with every identifier replaced by a typed placeholder ("[PERSOON]",
"[GEMEENTE]", "[PARTIJ]", ...), in one pass: deduce and the project's detectors each run once. Whether the
output is a fixed point is what the confirm step checks (``is_deidentified``): it runs the full pipeline on
what the author confirmed and stores the text only when that changes nothing, so the stored text is proven
de-identified even though the raw text never travels back to the server. Running everything a second time on
every text to confirm the fixed point in advance doubled the cost of deduce; on the evaluation set no output
changes in a second run (``benchmark.not_fixed_points``), and where one would, the author is simply shown the
further de-identified text.

The raw text is never logged, stored or put in an exception message here; callers mark it sensitive
(``sensitive_variables`` / ``sensitive_post_parameters``) so that error reports leave it out too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.views.decorators.debug import sensitive_variables

from . import engine, lexicons
from .engine import deduce_spans
from .patterns import PATTERN_DETECTORS
from .project import PROJECT_DETECTORS, at_sentence_start, propagate_names
from .spans import DIRECT_KINDS, PLACEHOLDER_RE, Kind, Span, merge, redact
from .structure import STRUCTURE_DETECTORS

__all__ = [
    "DIRECT_KINDS",
    "DeidResult",
    "DeidentificationError",
    "Kind",
    "Span",
    "deidentify",
    "find_spans",
    "prepare",
]


class DeidentificationError(Exception):
    """De-identification failed; the text is not stored. Never carries the text itself."""


@dataclass(frozen=True)
class DeidResult:
    text: str
    counts: dict[str, int]

    @property
    def changed(self) -> bool:
        return bool(self.counts)

    def summary(self) -> list[tuple[str, int]]:
        """(placeholder, how often) in a stable order, for the author's preview."""
        return sorted(self.counts.items())


def _blank_placeholders(text: str) -> str:
    """Placeholders already in the text become spaces, so no detector reads or splits them."""
    if "[" not in text:
        return text
    return PLACEHOLDER_RE.sub(lambda match: " " * len(match.group()), text)


def _ambiguous(text: str, span: Span) -> bool:
    """A place name that is also an ordinary word, capitalised only because a sentence starts with it."""
    word = text[span.start : span.end]
    return word in lexicons.AMBIGUOUS_AT_SENTENCE_START and at_sentence_start(text, span.start)


_WORD = re.compile(r"\S+")


# Words deduce takes into a name's span that are never part of it: forms of address and prepositions.
_EDGE_WORDS = frozenset(
    {"mevrouw", "mevr", "meneer", "mijnheer", "heer", "dhr", "aan", "op", "bij", "uit", "pas"}
)


def _edge_word(word: str, *, trailing: bool = False) -> bool:
    """An ordinary word at the edge of a span; a particle only at the end ('Ter Apel' keeps its 'Ter')."""
    bare = word.lower().strip(".,:;()'\"")
    return (
        not bare
        or bare in lexicons.ALLOWLIST
        or bare in _EDGE_WORDS
        or (trailing and bare in lexicons.TUSSENVOEGSELS)
    )


def _trim(text: str, start: int, end: int, like: Span) -> Span | None:
    """Drop ordinary domain words at the edges of a deduce span ('Raadslid Tom Jansen' -> 'Tom Jansen')."""
    words = list(_WORD.finditer(text, start, end))
    while words and _edge_word(words[0].group()):
        words.pop(0)
    while words and _edge_word(words[-1].group(), trailing=True):
        words.pop()
    if not words:
        return None
    return Span(words[0].start(), words[-1].end(), like.kind, like.source)


def _carve(text: str, spans: list[Span], precise: list[Span]) -> list[Span]:
    """deduce spans minus what a precise detector already named: 'Jan de Vries van Leefbaar Zeist' is a
    person followed by a party, not one person, so each part gets its own placeholder."""
    result: list[Span] = []
    for span in spans:
        pieces = [(span.start, span.end)]
        for other in precise:
            if other.kind == Kind.PERSON or not other.overlaps(span):
                continue
            cut = [(a, min(b, other.start)) for a, b in pieces] + [(max(a, other.end), b) for a, b in pieces]
            pieces = [(a, b) for a, b in cut if a < b]
        result.extend(piece for a, b in pieces if (piece := _trim(text, a, b, span)) is not None)
    return result


def _deduce(text: str) -> list[Span]:
    return [span for span in deduce_spans(text) if not _ambiguous(text, span)]


def _run(detectors: Iterable[Callable[[str], Iterable[Span]]], text: str) -> list[Span]:
    return [span for detector in detectors for span in detector(text)]


@sensitive_variables("text", "scan")
def find_spans(text: str, *, use_deduce: bool = True, use_project: bool = True) -> list[Span]:
    """Merged identifier spans of one pass over ``text`` (positions in ``text``)."""
    scan = _blank_placeholders(text)
    spans = _deduce(scan) if use_deduce else []
    if use_project:
        precise = (
            _run(PATTERN_DETECTORS, scan) + _run(PROJECT_DETECTORS, scan) + _run(STRUCTURE_DETECTORS, scan)
        )
        spans = _carve(scan, spans, precise) + precise
        spans += list(propagate_names(scan, spans))
    return merge(scan, spans)


@sensitive_variables("text", "current", "spans")
def deidentify(text: str) -> DeidResult:
    """``text`` with every identifier found replaced by its placeholder (one pass; see the module docstring)."""
    current = unicodedata.normalize("NFC", text or "")
    counts: Counter[str] = Counter()
    try:
        spans = find_spans(current)
        counts.update(span.kind.placeholder for span in spans)
        current = redact(current, spans)
    except Exception as error:  # deduce or a detector failed: refuse, without the text in the message
        raise DeidentificationError(type(error).__name__) from None
    return DeidResult(text=current, counts=dict(counts))


def is_deidentified(text: str) -> bool:
    """True when ``deidentify`` would not change ``text``: what the confirm step checks before storing."""
    return not deidentify(text).changed


# A fixed, fictitious sentence that passes through every detector once.
_PRIMER = "Raadslid Jan de Vries van Leefbaar Zeist kreeg op 3 maart een brief op de Kastanjelaan 4 in 3701 AB Zeist."


def prepare() -> None:
    """Load deduce (building its cache if the machine has none) and compile every lexicon the detectors build
    on first use, so that the first preview after start costs what later ones do (~40 ms less, measured).

    For server start and set-up only (``klankbord serve``, ``demo``, ``signals deid-warm``), never a request.
    """
    engine.warm()
    deidentify(_PRIMER)
