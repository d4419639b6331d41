from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "klankbord.matching"
    label = "matching"
    verbose_name = _("Koppeling")

    def ready(self) -> None:
        from klankbord.consent.services import on_consent_withdrawn
        from klankbord.reports.workflow import on_report_final

        from .services import assignments_end_for_report, assignments_end_for_withdrawn_contact

        on_report_final(assignments_end_for_report)
        on_consent_withdrawn(assignments_end_for_withdrawn_contact)
        from klankbord.core.dashboard import Panel, register_panel
        from klankbord.core.navigation import CASES, NavItem, register

        from .permissions import MATCH_REPORT

        register(NavItem("matching:handover", _("Over te dragen"), permission=MATCH_REPORT, group=CASES))
        register_panel(
            Panel(
                _("Over te dragen zaken"),
                _("Lopende zaken van ambassadeurs die pauzeren of stoppen: koppel een nieuwe ambassadeur."),
                "matching:handover",
                permission=MATCH_REPORT,
            )
        )
        from klankbord.core.homes import COUNSELLOR_HOME, HomePanel, register_home_panel

        from .homes import counsellor_reassignments

        register_home_panel(
            HomePanel(
                COUNSELLOR_HOME,
                "reassign",
                _("Opnieuw te koppelen"),
                "matching/home/reassignments.html",
                counsellor_reassignments,
                permission=MATCH_REPORT,
                order=40,
            )
        )
