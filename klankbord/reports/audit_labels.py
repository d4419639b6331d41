"""Readable labels of the audit codes this app writes (klankbord.audit.labels)."""

from django.utils.translation import gettext_lazy as _

from klankbord.audit.labels import register_labels

register_labels(
    {
        "reports.intake_note.added": _("Intakenotitie toegevoegd"),
        "reports.receipt.refused": _("Ontvangstcode geweigerd"),
        "reports.receipt.used": _("Ontvangstcode gebruikt"),
        "reports.report.ambassador_connected": _("Ambassadeur aan melding gekoppeld"),
        "reports.report.ambassador_disconnected": _("Ambassadeur van melding losgekoppeld"),
        "reports.report.assigned": _("Melding toegewezen"),
        "reports.report.corrected": _("Melding aangevuld of gecorrigeerd"),
        "reports.report.exported": _("Melding geëxporteerd"),
        "reports.report.first_response": _("Eerste reactie op melding gegeven"),
        "reports.report.registered": _("Melding geregistreerd door vertrouwenspersoon"),
        "reports.report.submitted": _("Melding ingediend"),
        "reports.report.transitioned": _("Status van melding gewijzigd"),
        "reports.report.urgency_set": _("Urgentie van melding vastgelegd"),
        "reports.report.viewed": _("Melding ingezien"),
        "reports.talk_request.closed": _("Sparverzoek afgesloten"),
        "reports.talk_request.converted": _("Sparverzoek omgezet in melding"),
        "reports.talk_request.submitted": _("Sparverzoek ingediend"),
    }
)
