from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "klankbord.recruitment"
    label = "recruitment"
    verbose_name = _("Werving en selectie")

    def ready(self) -> None:
        from klankbord.core.dashboard import Panel, register_panel
        from klankbord.core.navigation import NavItem, register

        from .permissions import MANAGE_COVERAGE, VIEW_APPLICATIONS

        register(NavItem("vacancies:list", _("Vacatures"), anonymous=True), before="core:dashboard")
        register(NavItem("recruitment:coverage", _("Dekking"), permission=MANAGE_COVERAGE))
        register(NavItem("recruitment:applications", _("Sollicitaties"), permission=VIEW_APPLICATIONS))
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
