"""A guard, active in the whole test suite, that an app writes only its own models (docs/architecture.md, rule 2).

Every write (``Model.save``/``delete`` and the ``QuerySet`` write methods) looks at the nearest calling frame
inside the ``klankbord`` package and fails when the app of that code is not the app of the model: writes to
another app's models go through that app's services. Code outside ``klankbord`` (tests, factories, Django and
third-party packages) is skipped while looking for that frame, as are model modules themselves (a model's
``save`` that calls ``super().save()`` is not the writer). Seeding, migrations and key rotation write across apps
by design and are exempt.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from django.apps import apps
from django.db import models

# Modules that may write any app's models: seeding (demo), migrations, and the key rotation, which re-encrypts
# every encrypted column of every app.
EXEMPT = re.compile(
    r"^klankbord\.(?:[a-z_]+\.demo|[a-z_]+\.migrations\..*|core\.management\..*|crypto\.rotation)$"
)
# A model module's own methods (an overridden save, a custom queryset) act for their caller.
MODEL_MODULE = re.compile(r"^klankbord\.[a-z_]+\.models(?:\.|$)")

QUERYSET_WRITES = (
    "create",
    "update",
    "delete",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
)
MODEL_WRITES = ("save", "delete")


class CrossAppWriteError(AssertionError):
    """Code of one app wrote a model of another app."""


def _writer(frame: FrameType | None) -> str | None:
    """The module of the nearest frame inside ``klankbord`` that is not a model module, or None."""
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module.startswith("klankbord.") and not MODEL_MODULE.match(module):
            return module
        frame = frame.f_back
    return None


def check_write(model: type[models.Model], action: str, frame: FrameType | None) -> None:
    """Raise ``CrossAppWriteError`` when the code that writes ``model`` belongs to another app."""
    if not model.__module__.startswith("klankbord."):
        return
    writer = _writer(frame)
    if writer is None or EXEMPT.match(writer):
        return
    config = apps.get_containing_app_config(writer)
    if config is None or config.label != model._meta.app_label:
        owner = config.label if config else writer
        raise CrossAppWriteError(
            f"{writer} ({owner}) calls {action} on {model._meta.label}: write it through "
            f"{model._meta.app_label}'s services instead"
        )


def _guarded(original: Callable[..., Any], action: str, on_queryset: bool) -> Callable[..., Any]:
    @functools.wraps(original)
    def guarded(self: Any, *args: Any, **kwargs: Any) -> Any:
        check_write(self.model if on_queryset else type(self), action, sys._getframe(1))
        return original(self, *args, **kwargs)

    return guarded


@contextmanager
def guard_writes() -> Iterator[None]:
    """Patch the write methods for as long as the context lasts."""
    patched: list[tuple[type, str, Any]] = []
    for cls, names, on_queryset in (
        (models.QuerySet, QUERYSET_WRITES, True),
        (models.Model, MODEL_WRITES, False),
    ):
        for name in names:
            original = cls.__dict__[name]
            patched.append((cls, name, original))
            setattr(cls, name, _guarded(original, f"{cls.__name__}.{name}", on_queryset))
    try:
        yield
    finally:
        for cls, name, original in patched:
            setattr(cls, name, original)
