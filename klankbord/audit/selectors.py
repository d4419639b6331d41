"""Reads of the audit trail. Entries hold primitives only, so reading them reveals no case content."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import AuditEntry


def entries_for_object(*, object_type: str, object_id: str) -> QuerySet[AuditEntry]:
    """Every entry about one object (``object_type`` as ``app_label.model``), oldest first."""
    return AuditEntry.objects.filter(object_type=object_type, object_id=object_id).order_by("sequence")
