"""Readable labels of the audit codes this app writes (klankbord.audit.labels)."""

from django.utils.translation import gettext_lazy as _

from klankbord.audit.labels import register_labels

register_labels(
    {
        "signals.case.contributed": _("Gesloten casus meegeteld in signalen"),
        "signals.signal.filed": _("Signaal ingediend"),
        "signals.warning.raised": _("Vroegtijdige waarschuwing afgegeven"),
    }
)
