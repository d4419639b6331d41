"""Readable labels of the audit codes this app writes (klankbord.audit.labels)."""

from django.utils.translation import gettext_lazy as _

from klankbord.audit.labels import register_labels

register_labels(
    {
        "messaging.attachment.added": _("Bijlage toegevoegd"),
        "messaging.attachment.viewed": _("Bijlage geopend"),
        "messaging.message.sent": _("Bericht verstuurd"),
    }
)
