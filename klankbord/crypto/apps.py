from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CryptoConfig(AppConfig):
    name = "klankbord.crypto"
    label = "crypto"
    verbose_name = _("Versleuteling")
