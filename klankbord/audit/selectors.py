"""Reads of the audit trail. Entries hold primitives only, so reading them reveals no case content."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from .models import AuditEntry


def entries_for_object(*, object_type: str, object_id: str) -> QuerySet[AuditEntry]:
    """Every entry about one object (``object_type`` as ``app_label.model``), oldest first."""
    return AuditEntry.objects.filter(object_type=object_type, object_id=object_id).order_by("sequence")


def entries_search(
    *,
    actor_id: int | None = None,
    object_type: str = "",
    object_id: str = "",
    action: str = "",
    start: datetime | None = None,
    end: datetime | None = None,
) -> QuerySet[AuditEntry]:
    """The audit trail filtered for an investigation, newest first. ``end`` is exclusive."""
    entries = AuditEntry.objects.order_by("-sequence")
    if actor_id is not None:
        entries = entries.filter(actor_id=actor_id)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if object_id:
        entries = entries.filter(object_id=object_id)
    if action:
        entries = entries.filter(action=action)
    if start is not None:
        entries = entries.filter(created_at__gte=start)
    if end is not None:
        entries = entries.filter(created_at__lt=end)
    return entries


def actions_in_use() -> list[str]:
    """Every action code the trail holds (for the filter's choices)."""
    return sorted(set(AuditEntry.objects.values_list("action", flat=True).distinct()))


def object_types_in_use() -> list[str]:
    return sorted(
        set(AuditEntry.objects.exclude(object_type="").values_list("object_type", flat=True).distinct())
    )
