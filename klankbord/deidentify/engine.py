"""The one deduce instance of this process: loaded lazily, once, under a lock.

deduce builds its lookup structures (tries of ~100,000 names and places) on first use, which takes minutes,
and pickles them; later loads read the pickle in seconds. We point that cache at ``VAR_DIR/deduce-cache``
(writable in production, kept across virtualenv rebuilds) and serialise building across processes with a
file lock, so two test workers or two web workers never build it at the same time or read a half-written
pickle. ``VAR_DIR`` must be writable only by the application: the cache is a pickle.

Importing deduce calls ``logging.basicConfig(level=DEBUG)``; we restore the root logger afterwards so that
nothing (least of all a text being de-identified) is logged at a level the deployment did not choose.
"""

from __future__ import annotations

import fcntl
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings

from .spans import Kind, Span

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_instance: Any = None
LOAD_SECONDS: dict[str, float] = {}

# deduce tag (after its own post-processing) -> our kind. Unknown tags become NUMBER: redacted, never kept.
_TAGS = {
    "persoon": Kind.PERSON,
    "patient": Kind.PERSON,
    "locatie": Kind.PLACE,
    "instelling": Kind.ORGANISATION,
    "ziekenhuis": Kind.ORGANISATION,
    "datum": Kind.DATE,
    "leeftijd": Kind.AGE,
    "telefoonnummer": Kind.PHONE,
    "emailadres": Kind.EMAIL,
    "url": Kind.URL,
    "bsn": Kind.BSN,
    "id": Kind.NUMBER,
    "patientnummer": Kind.NUMBER,
    "voornaam": Kind.PERSON,
    "achternaam": Kind.PERSON,
    "initiaal": Kind.PERSON,
    "naam": Kind.PERSON,
    "prefix": Kind.PERSON,
    "interfix": Kind.PERSON,
    "straat": Kind.ADDRESS,
    "huisnummer": Kind.ADDRESS,
    "postcode": Kind.POSTCODE,
    "woonplaats": Kind.PLACE,
}


def cache_dir() -> Path:
    return Path(settings.VAR_DIR) / "deduce-cache"


@contextmanager
def _process_lock(directory: Path) -> Iterator[None]:
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / ".build.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _import_deduce() -> Any:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import deduce
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
    return deduce


def _load() -> Any:
    started = time.perf_counter()
    deduce = _import_deduce()
    directory = cache_dir()
    with _process_lock(directory):
        cold = not (directory / "cache" / "lookup_structs.pickle").exists()
        instance = deduce.Deduce(cache_path=directory)
    seconds = time.perf_counter() - started
    LOAD_SECONDS["cold" if cold else "warm"] = seconds
    logger.info("deduce loaded in %.1f s (%s cache)", seconds, "built a new" if cold else "from the")
    return instance


def get_deduce() -> Any:
    """The process-wide deduce instance (built or loaded on the first call, thread-safe)."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = _load()
    return _instance


def deduce_spans(text: str) -> list[Span]:
    """deduce's annotations of ``text`` as our spans (its own redaction text is never used)."""
    document = get_deduce().deidentify(text)
    spans = []
    for annotation in document.annotations:
        kind = _TAGS.get(annotation.tag.split("+")[0].lower(), Kind.NUMBER)
        spans.append(Span(annotation.start_char, annotation.end_char, kind, "deduce"))
    return spans
