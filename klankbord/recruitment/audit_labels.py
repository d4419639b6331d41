"""Readable labels of the audit codes this app writes (klankbord.audit.labels)."""

from django.utils.translation import gettext_lazy as _

from klankbord.audit.labels import register_labels

register_labels(
    {
        "recruitment.application.cv_viewed": _("Cv van sollicitant geopend"),
        "recruitment.application.exported": _("Lijst van sollicitaties geëxporteerd"),
        "recruitment.application.decided": _("Besluit over sollicitatie genomen"),
        "recruitment.application.purged": _("Sollicitatie verwijderd na bewaartermijn"),
        "recruitment.application.submitted": _("Sollicitatie ingediend"),
        "recruitment.application.withdrawn": _("Sollicitatie ingetrokken"),
        "recruitment.conflict.declared": _("Belangenconflict bij beoordeling gemeld"),
        "recruitment.coverage_target.cleared": _("Dekkingsdoel gewist"),
        "recruitment.coverage_target.set": _("Dekkingsdoel vastgelegd"),
        "recruitment.interview.cancelled": _("Gesprek geannuleerd"),
        "recruitment.interview.outcome_recorded": _("Uitkomst van gesprek vastgelegd"),
        "recruitment.interview.scheduled": _("Gesprek gepland"),
        "recruitment.onboarding.completed": _("Ambassadeur ingewerkt en account aangemaakt"),
        "recruitment.onboarding.updated": _("Inwerkchecklist bijgewerkt"),
        "recruitment.score.submitted": _("Beoordeling ingediend"),
        "recruitment.vacancy.closed": _("Vacature gesloten"),
        "recruitment.vacancy.opened": _("Vacature geopend"),
        "recruitment.application.decision_proposed": _("Besluit over sollicitatie voorgesteld"),
        "recruitment.application.decision_withdrawn": _("Voorgesteld besluit ingetrokken"),
        "recruitment.vacancy.filled": _("Vacature vervuld en gesloten"),
        "recruitment.time_guidance.set": _("Tijdsbesteding in de vacaturetekst vastgesteld"),
    }
)
