"""Readable labels of the audit codes this app writes (klankbord.audit.labels)."""

from django.utils.translation import gettext_lazy as _

from klankbord.audit.labels import register_labels

register_labels(
    {
        "geo.party.created": _("Partij toegevoegd of gewijzigd"),
        "geo.party.deleted": _("Partij verwijderd"),
        "geo.municipality.moved": _("Gemeente naar andere regio verplaatst"),
        "geo.reference.loaded": _("Referentiegegevens geladen"),
        "geo.region.created": _("Regio aangemaakt"),
        "geo.region.deleted": _("Regio verwijderd"),
        "geo.region.renamed": _("Regio hernoemd"),
        "geo.scheme.activated": _("Regio-indeling in gebruik genomen"),
        "geo.scheme.created": _("Regio-indeling aangemaakt"),
        "geo.scheme.deleted": _("Regio-indeling verwijderd"),
    }
)
