"""The one deduce instance of this process, and the cache of its lookup structures.

deduce builds its lookup structures (tries of ~100,000 names and places) on first use, which takes minutes,
and pickles them; later loads read the pickle in seconds. That pickle lives in a per-user cache directory keyed
by the deduce version (``KLANKBORD_CACHE_DIR/deduce-<version>``, by default ``~/.cache/klankbord/...``), so
every checkout and every virtualenv of the same deduce version on a machine shares one build.

Two operations, deliberately separate:

- ``warm()`` builds the cache when it is missing and loads the instance. It runs at set-up and deploy time
  (``klankbord signals deid-warm``, ``klankbord demo``, CI's first step) and in the production server's master
  before it forks its workers (``klankbord serve``). A build happens in a private temporary directory under a
  file lock; the finished pickle is fsynced and moved into place with one atomic rename, so a concurrent
  reader sees either no cache or a complete one, and concurrent builders never write the same file.
- ``get_deduce()`` is what de-identification calls. It loads the cache (seconds) when this process has no
  instance yet, but never builds it: inside a request a missing cache is an error (``DeduceNotReadyError``), which
  the callers turn into a refusal, rather than minutes of silence and a worker killed by its timeout.

The cache is a pickle: its directory must be writable only by the application's user (it is created 0700).

Importing deduce calls ``logging.basicConfig(level=DEBUG)``; we restore the root logger afterwards so that
nothing (least of all a text being de-identified) is logged at a level the deployment did not choose.
"""

from __future__ import annotations

import fcntl
import importlib.metadata
import logging
import os
import shutil
import tempfile
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

# deduce's own layout inside the directory it is given as ``cache_path``.
_CACHE_FILE = Path("cache") / "lookup_structs.pickle"
_TEMP_PREFIX = ".building-"


class DeduceNotReadyError(RuntimeError):
    """The lookup cache has not been built; run ``klankbord signals deid-warm`` (never built in a request)."""


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


def deduce_version() -> str:
    return importlib.metadata.version("deduce")


def cache_dir() -> Path:
    """This deduce version's cache directory: per user (``KLANKBORD_CACHE_DIR``), keyed by the version."""
    return Path(settings.KLANKBORD_CACHE_DIR) / f"deduce-{deduce_version()}"


def cache_ready() -> bool:
    return (cache_dir() / _CACHE_FILE).is_file()


@contextmanager
def _process_lock(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
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


def _publish(built: Path, target: Path) -> None:
    """Move a finished pickle into place: fsynced first, then one atomic rename on the same file system."""
    with built.open("rb") as handle:
        os.fsync(handle.fileno())
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(built, target)


def _build(directory: Path) -> Any:
    """Build the lookup structures in a private temporary directory and publish the pickle (lock held)."""
    deduce = _import_deduce()
    for stale in directory.parent.glob(f"{_TEMP_PREFIX}{directory.name}-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by a builder that died; only the lock holder builds
    workspace = Path(tempfile.mkdtemp(prefix=f"{_TEMP_PREFIX}{directory.name}-", dir=directory.parent))
    try:
        instance = deduce.Deduce(cache_path=workspace)
        _publish(workspace / _CACHE_FILE, directory / _CACHE_FILE)
    finally:
        shutil.rmtree(workspace, ignore_errors=True)
    return instance


def _load(*, build: bool) -> Any:
    started = time.perf_counter()
    directory = cache_dir()
    cold = False
    if cache_ready():
        instance = _import_deduce().Deduce(cache_path=directory)
    elif not build:
        raise DeduceNotReadyError(f"no deduce cache in {directory}; run `klankbord signals deid-warm`")
    else:
        directory.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with _process_lock(directory.parent / f".{directory.name}.lock"):
            cold = not cache_ready()  # another process may have finished the build while we waited
            instance = _build(directory) if cold else _import_deduce().Deduce(cache_path=directory)
    seconds = time.perf_counter() - started
    LOAD_SECONDS["cold" if cold else "warm"] = seconds
    logger.info("deduce loaded in %.1f s (%s cache)", seconds, "built a new" if cold else "from the")
    return instance


def _instance_or_load(*, build: bool) -> Any:
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = _load(build=build)
    return _instance


def warm() -> Any:
    """Build the cache if it is missing and load the instance: for set-up, deploy and server start only."""
    return _instance_or_load(build=True)


def ensure_cache() -> bool:
    """Build the cache when it is missing (then keep the instance); True when this call built it.

    Cheap when the cache exists (a ``stat``): set-up commands call it without paying for a load.
    """
    if cache_ready():
        return False
    warm()
    return LOAD_SECONDS.get("cold") is not None


def is_loaded() -> bool:
    return _instance is not None


def get_deduce() -> Any:
    """The process-wide deduce instance, loaded from the cache on first use (thread-safe); never builds it."""
    return _instance_or_load(build=False)


# deduce's last step writes its own redacted text, which we never use; skipping it saves about a quarter of the
# time deduce takes and changes none of its annotations.
_UNUSED_PROCESSORS = frozenset({"redactor"})


def deduce_spans(text: str) -> list[Span]:
    """deduce's annotations of ``text`` as our spans (its own redaction text is never made)."""
    document = get_deduce().deidentify(text, disabled=set(_UNUSED_PROCESSORS))
    spans = []
    for annotation in document.annotations:
        kind = _TAGS.get(annotation.tag.split("+")[0].lower(), Kind.NUMBER)
        spans.append(Span(annotation.start_char, annotation.end_char, kind, "deduce"))
    return spans
