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
        from klankbord.core.navigation import NavItem, register

        from .permissions import MANAGE_RESOURCES, SUPPORT_CASES, VIEW_ESCALATIONS

        register(NavItem("support:mine", _("Mijn begeleiding"), permission=SUPPORT_CASES))
        register(NavItem("support:escalations", _("Escalaties"), permission=VIEW_ESCALATIONS))
        register(NavItem("support:resources", _("Hulpaanbod"), permission=MANAGE_RESOURCES))
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
