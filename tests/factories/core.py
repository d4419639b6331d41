"""Helpers for what every app's tests assert: a refused change and the code it was refused with."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from klankbord.core.errors import DomainError


@contextmanager
def raises_domain_error(
    code: str, *, match: str | None = None
) -> Iterator[pytest.ExceptionInfo[DomainError]]:
    """Expect the block to be refused with a ``DomainError`` of this ``code`` (and a message matching ``match``)."""
    with pytest.raises(DomainError, match=match) as info:
        yield info
    assert info.value.code == code, f"refused with code {info.value.code!r}, expected {code!r}"
