from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "klankbord.reports"
    label = "reports"
    verbose_name = _("Meldingen")

    def ready(self) -> None:
        from klankbord.core.dashboard import Panel, register_alert, register_panel
        from klankbord.core.navigation import (
            CASES,
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

        register(NavItem("reports:start", _("Melden"), anonymous=True, members_only=True, order=10))
        register(NavItem("reports:mine", _("Mijn meldingen"), members_only=True, order=15))
        register(NavItem("reports:inbox", _("Inbox"), permission="reports.view_report", order=10))
        register(
            NavItem(
                "reports:talk_requests",
                _("Sparverzoeken"),
                permission="reports.view_talkrequest",
                group=CASES,
            )
        )
        register_alert(acute_report_alerts, permission="reports.view_report")
        register_home_action(NavItem("reports:start", _("Melding doen"), anonymous=True))
        register_visitor_session(portal_visitor_session)
        self._register_homes()
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

    def _register_homes(self) -> None:
        from klankbord.core.homes import (
            COORDINATOR_HOME,
            COUNSELLOR_HOME,
            HomePanel,
            register_home_panel,
            register_landing,
        )

        from . import homes

        register_landing(homes.member_landing)
        for panel in (
            HomePanel(
                COUNSELLOR_HOME,
                "inbox",
                _("Inbox: acuut en te laat bovenaan"),
                "reports/home/inbox.html",
                homes.counsellor_inbox,
                permission="reports.view_report",
                order=10,
                wide=True,
            ),
            HomePanel(
                COUNSELLOR_HOME,
                "talk",
                _("Sparverzoeken"),
                "reports/home/talk_requests.html",
                homes.counsellor_talk_requests,
                permission="reports.view_talkrequest",
                order=20,
            ),
            HomePanel(
                COORDINATOR_HOME,
                "phases",
                _("Open zaken per fase"),
                "reports/home/cases_by_phase.html",
                homes.coordinator_cases_by_phase,
                order=10,
            ),
            HomePanel(
                COORDINATOR_HOME,
                "response",
                _("Reactietijd tegenover de termijn"),
                "reports/home/response_times.html",
                homes.coordinator_response_times,
                order=20,
            ),
        ):
            register_home_panel(panel)
