"""Readable labels of the audit codes this app writes (klankbord.audit.labels)."""

from django.utils.translation import gettext_lazy as _

from klankbord.audit.labels import register_labels

register_labels(
    {
        "consent.consent.granted": _("Toestemming gegeven"),
        "consent.consent.withdrawn": _("Toestemming ingetrokken"),
    }
)
