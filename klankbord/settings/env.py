"""The only module that reads the process environment.

Every value is parsed by a typed helper that fails loudly (``ImproperlyConfigured``) on a bad value, so a typo
in a deployment stops the process at start-up instead of silently falling back to a default. Secrets can also be
given as ``<NAME>_FILE`` pointing at a file that holds the value (Docker/Kubernetes secrets).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")

_TRUE = {"1", "true", "yes", "on", "ja"}
_FALSE = {"0", "false", "no", "off", "nee", ""}


def _raw(name: str) -> str | None:
    """The value of ``name``, or of the file named by ``name_FILE``; never both."""
    direct = os.environ.get(name)
    file_name = os.environ.get(f"{name}_FILE")
    if direct is not None and file_name is not None:
        raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both.")
    if file_name is None:
        return direct
    path = Path(file_name)
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ImproperlyConfigured(f"{name}_FILE points at {path}, which cannot be read: {exc}") from exc


def _parse(name: str, default: T, cast: Callable[[str], T], expected: str) -> T:
    raw = _raw(name)
    if raw is None:
        return default
    try:
        return cast(raw.strip())
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not valid: expected {expected}.") from exc


def env_str(name: str, default: str = "") -> str:
    return _parse(name, default, str, "text")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _parse(name, default, int, "a whole number")
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is too small: the minimum is {minimum}.")
    return value


def env_float(name: str, default: float, *, minimum: float | None = None) -> float:
    value = _parse(name, default, float, "a number")
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is too small: the minimum is {minimum}.")
    return value


def env_int_list(name: str, default: list[int], *, minimum: int | None = None) -> list[int]:
    values = _parse(
        name,
        default,
        lambda raw: [int(part) for part in raw.split(",") if part.strip()],
        "whole numbers, comma-separated",
    )
    if minimum is not None and any(value < minimum for value in values):
        raise ImproperlyConfigured(f"{name}: every value must be at least {minimum}.")
    return values


def _to_bool(raw: str) -> bool:
    lowered = raw.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(raw)


def env_bool(name: str, default: bool) -> bool:
    return _parse(name, default, _to_bool, "true or false")


def env_list(name: str, default: list[str]) -> list[str]:
    return _parse(
        name, default, lambda raw: [part.strip() for part in raw.split(",") if part.strip()], "a list"
    )


_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{4,22}[0-9]$")
_EMAIL = re.compile(r"^[^@\s<>\"',;]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def env_phone(name: str, default: str = "") -> str:
    """A telephone number as people write it (``030 123 45 67``, ``+31 30 1234567``), or empty."""
    value = env_str(name, default)
    if value and not _PHONE.match(value):
        raise ImproperlyConfigured(f"{name}={value!r} is not valid: expected a telephone number.")
    return value


def env_email(name: str, default: str = "") -> str:
    """A single e-mail address, or empty."""
    value = env_str(name, default)
    if value and not _EMAIL.match(value):
        raise ImproperlyConfigured(f"{name}={value!r} is not valid: expected an e-mail address.")
    return value


_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(colour: str) -> float:
    """WCAG 2.1 contrast ratio of ``colour`` (``#rrggbb``) against white."""
    return 1.05 / (_luminance(colour) + 0.05)


def env_colour(name: str, default: str) -> str:
    """A ``#rrggbb`` colour on which white text meets WCAG AA (contrast at least 4.5:1)."""
    value = env_str(name, default)
    if not _COLOUR.match(value):
        raise ImproperlyConfigured(f"{name}={value!r} is not valid: expected a colour as #rrggbb.")
    if contrast_with_white(value) < 4.5:
        raise ImproperlyConfigured(
            f"{name}={value} is too light: white text on it has a contrast of "
            f"{contrast_with_white(value):.1f}:1, at least 4.5:1 is needed (WCAG 2.1 AA)."
        )
    return value.lower()


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} is not valid: choose one of {', '.join(choices)}.")
    return value


def user_cache_dir(application: str) -> Path:
    """The per-user cache directory of ``application``: ``$XDG_CACHE_HOME/<application>`` or
    ``~/.cache/<application>`` (the XDG base-directory rule; what platformdirs answers on Linux)."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / application
