from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "klankbord.reports"
    label = "reports"
    verbose_name = _("Meldingen")

    def ready(self) -> None:
        from klankbord.core.dashboard import Panel, register_alert, register_panel
        from klankbord.core.navigation import (
            NavItem,
            register,
            register_home_action,
            register_visitor_session,
        )
        from klankbord.messaging.services import message_recipients_register

        from .alerts import acute_report_alerts
        from .receipts import portal_visitor_session
        from .services import report_notification_recipients

        message_recipients_register(report_notification_recipients)

        register(NavItem("reports:start", _("Melden"), anonymous=True), before="core:dashboard")
        register(NavItem("reports:mine", _("Mijn meldingen")))
        register(NavItem("reports:inbox", _("Meldingen"), permission="reports.view_report"))
        register_alert(acute_report_alerts, permission="reports.view_report")
        register_home_action(NavItem("reports:start", _("Melding doen"), anonymous=True))
        register_visitor_session(portal_visitor_session)
        register_panel(
            Panel(
                _("Inbox meldingen"),
                _("Nieuwe en urgente meldingen, sparverzoeken en de termijn voor een eerste reactie."),
                "reports:inbox",
                permission="reports.view_report",
            )
        )
        register_panel(
            Panel(
                _("Mijn meldingen"),
                _("Bekijk de status, lees en stuur berichten en beheer uw toestemmingen."),
                "reports:mine",
            )
        )
