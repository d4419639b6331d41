from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "klankbord.outbox"
    label = "outbox"
    verbose_name = _("Uitgaande mail")

    def ready(self) -> None:
        from klankbord.core.dashboard import Panel, register_alert, register_panel

        from .permissions import MANAGE_MAIL
        from .selectors import failed_mail_alerts

        register_panel(
            Panel(
                title=_("Uitgaande mail"),
                text=_("Zie welke mail nog wacht of niet kon worden bezorgd, en verstuur die opnieuw."),
                url_name="outbox:list",
                permission=MANAGE_MAIL,
            )
        )
        register_alert(failed_mail_alerts, permission=MANAGE_MAIL)
        from klankbord.core.navigation import ADMIN, NavItem, register

        register(NavItem("outbox:list", _("Uitgaande mail"), permission=MANAGE_MAIL, group=ADMIN))
