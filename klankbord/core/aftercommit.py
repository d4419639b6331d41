"""Side effects after commit that can never break the request that committed, nor the side effects after them.

Django's ``transaction.on_commit(func, robust=True)`` logs a failure with ``func.__qualname__``; a
``functools.partial`` has none, so the logging itself raises, the user sees a 500 for a change that was committed,
and every later callback of that transaction is dropped. ``after_commit`` registers a wrapper that has a name,
catches and logs every exception itself (naming the callee, never its arguments, which may be personal), and so
always lets the next callback run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)


def callable_name(func: Callable[..., object]) -> str:
    target = getattr(func, "func", func)  # a partial names the function it wraps
    module = getattr(target, "__module__", "") or ""
    name = getattr(target, "__qualname__", None) or type(target).__qualname__
    return f"{module}.{name}" if module else name


def after_commit(func: Callable[..., object], *args: Any, **kwargs: Any) -> None:
    """Run ``func(*args, **kwargs)`` once the current transaction commits (at once outside one); never raises."""
    name = callable_name(func)

    def run_after_commit() -> None:
        try:
            func(*args, **kwargs)
        except Exception:
            logger.exception("after commit: %s failed; the committed change stands", name)

    run_after_commit.__qualname__ = f"after_commit({name})"
    transaction.on_commit(run_after_commit)
