"""The export of audit entries for an investigation. The export itself is an audit entry (who, which filters,
how many rows, which format), written before the file leaves."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from klankbord.audit.services import audit_log
from klankbord.core.exports import Cell

from ..selectors import AuditFilters, audit_entries, audit_rows
from ..types import User

EXPORT_MAX_ROWS = 50_000


def _header() -> list[Cell]:
    return [
        _("Volgnummer"),
        _("Tijdstip"),
        _("Wie"),
        _("Handeling"),
        _("Code"),
        _("Object"),
        _("Soort object"),
        _("Object-id"),
        _("IP-adres"),
        _("Gegevens"),
    ]


@transaction.atomic
def audit_export(*, actor: User, filters: AuditFilters, fmt: str) -> tuple[list[Cell], list[list[Cell]]]:
    """The header and rows of the filtered entries (at most ``EXPORT_MAX_ROWS``, newest first)."""
    entries = list(audit_entries(filters)[:EXPORT_MAX_ROWS])
    rows: list[list[Cell]] = [
        [
            row.sequence,
            row.created_at,
            row.actor,
            row.action_label,
            row.action,
            row.object_label,
            row.object_type,
            row.object_id,
            row.ip_address,
            ", ".join(f"{key}={value}" for key, value in sorted(row.data.items())),
        ]
        for row in audit_rows(entries)
    ]
    audit_log(
        actor=actor,
        action="audit.entries.exported",
        object_type="audit.auditentry",
        data={**filters.as_data(), "rows": len(rows), "format": fmt},
    )
    return _header(), rows
