"""Readable labels of the audit codes this app writes (klankbord.audit.labels)."""

from django.utils.translation import gettext_lazy as _

from klankbord.audit.labels import register_labels

register_labels(
    {
        "support.aftercare.cancelled": _("Nazorg geannuleerd"),
        "support.aftercare.scheduled": _("Nazorg gepland"),
        "support.case.closed": _("Begeleiding afgesloten"),
        "support.checkin.recorded": _("Nazorgcontact vastgelegd"),
        "support.contact.logged": _("Contactmoment vastgelegd"),
        "support.escalation.handled": _("Escalatie afgehandeld"),
        "support.escalation.raised": _("Escalatie gemeld"),
        "support.evaluation.submitted": _("Afsluitende evaluatie ingediend"),
        "support.referral.added": _("Doorverwijzing vastgelegd"),
        "support.referral.outcome": _("Uitkomst van doorverwijzing vastgelegd"),
        "support.reflection.added": _("Reflectie toegevoegd"),
        "support.resource.created": _("Hulpadres toegevoegd"),
    }
)
