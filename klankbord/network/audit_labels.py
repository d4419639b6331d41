"""Readable labels of the audit codes this app writes (klankbord.audit.labels)."""

from django.utils.translation import gettext_lazy as _

from klankbord.audit.labels import register_labels

register_labels(
    {
        "network.attendance.recorded": _("Aanwezigheid vastgelegd"),
        "network.case.marked_heavy": _("Casus als zwaar gemarkeerd"),
        "network.debrief.requested": _("Nagesprek aangevraagd"),
        "network.debrief.updated": _("Nagesprek bijgewerkt"),
        "network.experience.submitted": _("Ervaring gedeeld"),
        "network.experience.withdrawn": _("Gedeelde ervaring ingetrokken"),
        "network.gathering.created": _("Bijeenkomst aangemaakt"),
        "network.gathering.invited": _("Uitnodigingen voor bijeenkomst verstuurd"),
        "network.invitation.answered": _("Uitnodiging beantwoord"),
        "network.gathering.updated": _("Bijeenkomst gewijzigd"),
        "network.gathering.cancelled": _("Bijeenkomst geannuleerd"),
        "network.gathering.reminded": _("Herinnering voor bijeenkomst verstuurd"),
        "network.debrief.proposed": _("Nagesprek voorgesteld door de coördinator"),
        "network.pause.proposed": _("Pauze voorgesteld door de coördinator"),
    }
)
