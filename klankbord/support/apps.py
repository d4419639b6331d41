from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "klankbord.support"
    label = "support"
    verbose_name = _("Begeleiding")

    def ready(self) -> None:
        from klankbord.consent.services import on_consent_withdrawn
        from klankbord.reports.workflow import on_report_final

        from .services import checkins_cancel_for_report, checkins_cancel_for_withdrawn_aftercare

        on_report_final(checkins_cancel_for_report)
        from klankbord.reports.exports import ExportSection, register_export_section

        from .selectors import contact_log_for_export

        register_export_section(
            ExportSection("contact_moments", _("Contactmomenten met uw ambassadeur"), contact_log_for_export)
        )
        on_consent_withdrawn(checkins_cancel_for_withdrawn_aftercare)
        from klankbord.core.dashboard import Panel, register_panel
        from klankbord.core.navigation import CASES, NETWORK, SUPPORT, NavItem, register

        from .permissions import MANAGE_RESOURCES, SUPPORT_CASES, VIEW_ESCALATIONS

        register(NavItem("support:mine", _("Mijn begeleiding"), permission=SUPPORT_CASES, group=SUPPORT))
        register(NavItem("support:escalations", _("Escalaties"), permission=VIEW_ESCALATIONS, group=CASES))
        register(NavItem("support:resources", _("Hulpaanbod"), permission=MANAGE_RESOURCES, group=NETWORK))
        register_panel(
            Panel(
                _("Mijn begeleiding"),
                _("Verzoeken om te beantwoorden, lopende begeleiding en nazorgmomenten."),
                "support:mine",
                permission=SUPPORT_CASES,
            )
        )
        register_panel(
            Panel(
                _("Escalaties"),
                _("Vragen die de rol van een ambassadeur te boven gaan."),
                "support:escalations",
                permission=VIEW_ESCALATIONS,
            )
        )

        from klankbord.core.homes import AMBASSADOR_HOME, COUNSELLOR_HOME, HomePanel, register_home_panel

        from . import homes

        for panel in (
            HomePanel(
                COUNSELLOR_HOME,
                "escalations",
                _("Escalaties"),
                "support/home/escalations.html",
                homes.counsellor_escalations,
                permission=VIEW_ESCALATIONS,
                order=30,
            ),
            HomePanel(
                AMBASSADOR_HOME,
                "requests",
                _("Verzoeken om te beantwoorden"),
                "support/home/requests.html",
                homes.ambassador_requests,
                permission=SUPPORT_CASES,
                order=10,
            ),
            HomePanel(
                AMBASSADOR_HOME,
                "cases",
                _("Mijn zaken en de volgende stap"),
                "support/home/cases.html",
                homes.ambassador_cases,
                permission=SUPPORT_CASES,
                order=20,
            ),
            HomePanel(
                AMBASSADOR_HOME,
                "checkins",
                _("Komende nazorgmomenten"),
                "support/home/checkins.html",
                homes.ambassador_checkins,
                permission=SUPPORT_CASES,
                order=30,
            ),
        ):
            register_home_panel(panel)
