"""Readable labels of the audit codes this app writes (klankbord.audit.labels)."""

from django.utils.translation import gettext_lazy as _

from klankbord.audit.labels import register_labels

register_labels(
    {
        "outbox.mail.dismissed": _("Mislukte e-mail afgehandeld zonder opnieuw te versturen"),
        "outbox.mail.resent": _("Mislukte e-mail opnieuw verstuurd"),
    }
)
