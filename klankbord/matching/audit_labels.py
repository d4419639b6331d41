"""Readable labels of the audit codes this app writes (klankbord.audit.labels)."""

from django.utils.translation import gettext_lazy as _

from klankbord.audit.labels import register_labels

register_labels(
    {
        "matching.assignment.accepted": _("Verzoek door ambassadeur aanvaard"),
        "matching.assignment.declined": _("Verzoek door ambassadeur afgewezen"),
        "matching.assignment.ended": _("Koppeling beëindigd"),
        "matching.assignment.expired": _("Verzoek verlopen"),
        "matching.assignment.reassigned": _("Melding aan andere ambassadeur overgedragen"),
        "matching.assignment.reminded": _("Herinnering over verzoek verstuurd"),
        "matching.assignment.requested": _("Ambassadeur gevraagd"),
        "matching.assignment.suspended": _("Koppeling opgeschort"),
        "matching.gap.recorded": _("Gat in de dekking vastgelegd"),
    }
)
