"""deduce's lookup cache: per user, keyed by the deduce version, built atomically, never in a request."""

from __future__ import annotations

import importlib.metadata
import os
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings

from klankbord.deidentify import DeidentificationError, deidentify, engine
from klankbord.settings.env import user_cache_dir


def test_the_cache_is_per_user_outside_the_checkout_and_keyed_by_the_deduce_version() -> None:
    if "KLANKBORD_CACHE_DIR" not in os.environ:
        assert Path(settings.KLANKBORD_CACHE_DIR) == user_cache_dir("klankbord")
        assert not Path(settings.KLANKBORD_CACHE_DIR).is_relative_to(settings.BASE_DIR)
    version = importlib.metadata.version("deduce")
    assert engine.cache_dir() == Path(settings.KLANKBORD_CACHE_DIR) / f"deduce-{version}"


def test_the_user_cache_follows_xdg(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert user_cache_dir("klankbord") == tmp_path / "xdg" / "klankbord"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_cache_dir("klankbord") == tmp_path / "home" / ".cache" / "klankbord"


class FakeDeduce:
    """Stands in for ``deduce.Deduce``: 'builds' (writes the pickle) only when its cache path has none."""

    builds: list[Path] = []

    def __init__(self, cache_path: Path) -> None:
        target = Path(cache_path) / "cache" / "lookup_structs.pickle"
        if not target.exists():
            time.sleep(0.2)  # long enough for a second builder to arrive while this one works
            target.parent.mkdir(parents=True)
            target.write_bytes(b"lookup structures")
            FakeDeduce.builds.append(Path(cache_path))


@pytest.fixture
def fake_deduce(monkeypatch, settings, tmp_path) -> Path:
    """A private, empty cache directory and no instance yet, with deduce replaced by ``FakeDeduce``."""
    settings.KLANKBORD_CACHE_DIR = tmp_path / "cache"
    monkeypatch.setattr(engine, "_instance", None)
    monkeypatch.setattr(engine, "_import_deduce", lambda: SimpleNamespace(Deduce=FakeDeduce))
    FakeDeduce.builds = []
    return tmp_path / "cache"


def test_a_request_never_builds_the_cache(fake_deduce) -> None:
    with pytest.raises(engine.DeduceNotReadyError):
        engine.get_deduce()
    with pytest.raises(
        DeidentificationError
    ):  # what a signal preview sees: a refusal, not minutes of silence
        deidentify("Jan Jansen woont in Zeist")
    assert FakeDeduce.builds == [] and not fake_deduce.exists()


def test_warming_builds_in_a_temporary_directory_and_publishes_the_pickle(fake_deduce) -> None:
    other_version = fake_deduce / ".building-deduce-0.1-other"
    other_version.mkdir(parents=True)
    stale = fake_deduce / f".building-{engine.cache_dir().name}-dead"
    stale.mkdir()
    assert engine.ensure_cache() is True
    assert engine.cache_ready() and engine.is_loaded()
    assert FakeDeduce.builds and FakeDeduce.builds[0].parent == fake_deduce
    assert FakeDeduce.builds[0] != engine.cache_dir()
    assert not stale.exists() and not FakeDeduce.builds[0].exists()  # the workspace and leftovers are gone
    assert other_version.exists()
    assert engine.ensure_cache() is False  # present: nothing is built again


def test_concurrent_builders_build_once_and_both_load_a_complete_cache(fake_deduce) -> None:
    results: list[Any] = []

    def builder() -> None:
        results.append(engine._load(build=True))

    threads = [threading.Thread(target=builder) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(results) == 2 and len(FakeDeduce.builds) == 1
    assert (engine.cache_dir() / "cache" / "lookup_structs.pickle").read_bytes() == b"lookup structures"


def test_once_built_a_load_reads_the_cache(fake_deduce) -> None:
    engine.warm()
    engine._instance = None
    engine.get_deduce()
    assert len(FakeDeduce.builds) == 1
