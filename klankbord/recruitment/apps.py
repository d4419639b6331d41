from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "klankbord.recruitment"
    label = "recruitment"
    verbose_name = _("Werving en selectie")

    def ready(self) -> None:
        from klankbord.core.dashboard import Panel, register_panel
        from klankbord.core.navigation import RECRUITMENT, NavItem, register

        from .permissions import MANAGE_COVERAGE, VIEW_APPLICATIONS

        register(NavItem("vacancies:list", _("Vacatures"), anonymous=True, members_only=True, order=70))
        register(NavItem("recruitment:coverage", _("Dekking"), permission=MANAGE_COVERAGE, group=RECRUITMENT))
        register(
            NavItem(
                "recruitment:applications",
                _("Sollicitaties"),
                permission=VIEW_APPLICATIONS,
                group=RECRUITMENT,
            )
        )
        register_panel(
            Panel(
                _("Dekking en vacatures"),
                _("Actieve ambassadeurs per regio tegenover het doel; bevestig een tekort als vacature."),
                "recruitment:coverage",
                permission=MANAGE_COVERAGE,
            )
        )
        register_panel(
            Panel(
                _("Sollicitaties"),
                _("Beoordeel kandidaat-ambassadeurs, plan gesprekken en volg het inwerken."),
                "recruitment:applications",
                permission=VIEW_APPLICATIONS,
            )
        )
        from klankbord.core.homes import COORDINATOR_HOME, SELECTION_HOME, HomePanel, register_home_panel

        from . import homes
        from .permissions import SCORE_APPLICATIONS

        for panel in (
            HomePanel(
                COORDINATOR_HOME,
                "coverage",
                _("Dekking: regio's met een tekort"),
                "recruitment/home/coverage.html",
                homes.coordinator_coverage,
                permission=MANAGE_COVERAGE,
                order=30,
            ),
            HomePanel(
                COORDINATOR_HOME,
                "applications",
                _("Sollicitaties in behandeling"),
                "recruitment/home/applications.html",
                homes.coordinator_applications,
                permission=VIEW_APPLICATIONS,
                order=60,
            ),
            HomePanel(
                SELECTION_HOME,
                "awaiting",
                _("Wachten op uw beoordeling"),
                "recruitment/home/awaiting_score.html",
                homes.selection_awaiting_score,
                permission=SCORE_APPLICATIONS,
                order=10,
            ),
            HomePanel(
                SELECTION_HOME,
                "interviews",
                _("Komende gesprekken"),
                "recruitment/home/interviews.html",
                homes.selection_interviews,
                permission=VIEW_APPLICATIONS,
                order=20,
            ),
        ):
            register_home_panel(panel)
