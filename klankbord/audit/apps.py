from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "klankbord.audit"
    label = "audit"
    verbose_name = _("Auditlog")

    def ready(self) -> None:
        from .labels import autodiscover

        autodiscover()
