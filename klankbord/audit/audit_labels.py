"""Readable labels of the audit codes written about the audit trail itself."""

from django.utils.translation import gettext_lazy as _

from .labels import register_labels

register_labels(
    {
        "audit.entries.exported": _("Auditregels geëxporteerd voor onderzoek"),
    }
)
