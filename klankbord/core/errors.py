"""The one error type that services raise when a rule of the domain refuses a change.

``DomainError`` is a Django ``ValidationError``, so a form shows it with ``form.add_error(None, error)`` and
code that catches ``ValidationError`` keeps working. It always carries a machine-readable ``code`` (short
snake_case, e.g. ``"report_closed"``) so that callers and tests can tell refusals apart without parsing the
Dutch message, which stays the text shown to the user.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

__all__ = ["DomainError"]

_CODE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


class DomainError(ValidationError):
    """A change the domain refuses; ``str()`` is the (Dutch) message, ``code`` says which rule refused it."""

    code: str

    def __init__(
        self, message: StrOrPromise, *, code: str, params: Mapping[str, str | int] | None = None
    ) -> None:
        if not _CODE.fullmatch(code):
            raise ValueError(f"a domain error code is short snake_case, not {code!r}")
        super().__init__(message, code=code, params=dict(params) if params else None)

    def __str__(self) -> str:
        """The message as a user reads it (a plain ``ValidationError`` renders the repr of a list)."""
        return " ".join(self.messages)

    def __reduce__(self) -> tuple[partial[DomainError], tuple[StrOrPromise]]:
        """Copy and pickle with ``code`` as the keyword it is (``Exception`` would pass it positionally)."""
        return partial(type(self), code=self.code, params=self.params), (self.message,)
