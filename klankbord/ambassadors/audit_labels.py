"""Readable labels of the audit codes this app writes (klankbord.audit.labels)."""

from django.utils.translation import gettext_lazy as _

from klankbord.audit.labels import register_labels

register_labels(
    {
        "ambassadors.ambassador.created": _("Ambassadeur aangemaakt"),
        "ambassadors.ambassador.status_changed": _("Status van ambassadeur gewijzigd"),
        "ambassadors.ambassador.updated": _("Ambassadeursprofiel gewijzigd"),
        "ambassadors.ambassador.updated_own": _("Eigen ambassadeursprofiel gewijzigd"),
        "ambassadors.conflict.declared": _("Belangenconflict gemeld"),
        "ambassadors.conflict.withdrawn": _("Belangenconflict ingetrokken"),
        "ambassadors.leave.added": _("Afwezigheid toegevoegd"),
        "ambassadors.leave.deleted": _("Afwezigheid verwijderd"),
        "ambassadors.party.consent_set": _("Toestemming partijlidmaatschap vastgelegd"),
        "ambassadors.regions.realigned": _("Regio's aangepast aan nieuwe indeling"),
        "ambassadors.regions.set": _("Regio's van ambassadeur vastgelegd"),
        "ambassadors.time.deleted": _("Tijdregistratie verwijderd"),
        "ambassadors.time.logged": _("Tijd geregistreerd"),
        "ambassadors.ambassador.vog_reminded": _("Herinnering VOG verstuurd"),
    }
)
