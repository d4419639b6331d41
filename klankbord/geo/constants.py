from django.db import models
from django.utils.translation import gettext_lazy as _


class SchemeKind(models.TextChoices):
    PROVINCE = "province", _("Provincies")
    SAFETY_REGION = "safety_region", _("Veiligheidsregio's")
    RIEC = "riec", _("RIEC-regio's")
    COROP = "corop", _("COROP-gebieden")
    CUSTOM = "custom", _("Eigen indeling")
