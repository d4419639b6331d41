"""Append-only rows: history that is written once and never edited (status changes, consents).

``save()`` refuses to update an existing row and ``delete()`` refuses to remove one; a whole report may still be
destroyed at the end of its retention period (the database cascade does not go through these methods).
Key rotation re-encrypts columns with ``QuerySet.update``: that keeps the plaintext, so it is allowed.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class AppendOnlyError(Exception):
    """Somebody tried to edit or delete a history row."""


class AppendOnlyQuerySet(models.QuerySet):
    def delete(self) -> Any:
        raise AppendOnlyError(f"{self.model._meta.label} is append-only")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.label} is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError(f"{self._meta.label} is append-only")
