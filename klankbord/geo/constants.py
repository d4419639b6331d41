from django.db import models
from django.utils.translation import gettext_lazy as _


class SchemeKind(models.TextChoices):
    PROVINCE = "province", _("Provincies")
    SAFETY_REGION = "safety_region", _("Veiligheidsregio's")
    RIEC = "riec", _("RIEC-regio's")
    COROP = "corop", _("COROP-gebieden")
    CUSTOM = "custom", _("Eigen indeling")


# The party list (``selectors.party_*``): the choice for a party that is not on the list, and how a chosen party
# is written into a person's (encrypted) party field.
PARTY_OTHER = "anders"
PARTY_REF_PREFIX = "partij:"
PARTY_TEXT_MAX_LENGTH = 100
