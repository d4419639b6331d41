"""A guard, active in the whole test suite, that an app writes only its own models (docs/architecture.md, rule 2).

Every write (``Model.save``/``delete`` and the ``QuerySet`` write methods) looks at the nearest calling code
outside the ORM and fails when that code is in the ``klankbord`` package and its app is not the app of the
model: writes to another app's models go through that app's services. Model modules are looked through (a
model's ``save`` that calls ``super().save()`` is not the writer); tests, factories, Django and third-party
packages write on their own behalf and are not judged. Seeding, migrations, key rotation and re-binding write
across apps by design and are exempt.
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

# Modules that may write any app's models: seeding (demo), migrations, and the key rotation and re-binding
# (the latter called from migrations), which re-encrypt the encrypted columns of every app.
EXEMPT = re.compile(
    r"^klankbord\.(?:[a-z_]+\.demo|[a-z_]+\.migrations\..*|core\.management\..*|crypto\.(?:rotation|rebind))$"
)
# A model module's own methods (an overridden save, a custom queryset, the append-only base) act for their caller.
MODEL_MODULE = re.compile(r"^klankbord\.(?:[a-z_]+\.models(?:\..*)?|core\.append_only)$")

# Code that writes on behalf of its caller: the ORM itself, ModelForm.save and this guard.
PASS_THROUGH = re.compile(r"^(?:django\.db|django\.forms|tests\.factories\.write_guard|functools)(?:\.|$)")

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
    """The module of the code that asked for the write, or None when that is not ours.

    Walks out through the ORM (``django.db``, ``ModelForm.save``) and model modules. A write that the deletion
    collector makes (``on_delete`` cascades and ``SET_NULL``) follows from the schema, not from the caller; a
    write that Django, allauth or a test makes on its own behalf is not ours to judge.
    """
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module.startswith("django.db.models.deletion"):
            return None
        if not (PASS_THROUGH.match(module) or MODEL_MODULE.match(module)):
            return module if module.startswith("klankbord.") else None
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
