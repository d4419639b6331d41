from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmbassadorsConfig(AppConfig):
    name = "klankbord.ambassadors"
    label = "ambassadors"
    verbose_name = _("Regioambassadeurs")

    def ready(self) -> None:
        from klankbord.core.dashboard import Panel, register_panel
        from klankbord.core.navigation import ACCOUNT, NETWORK, SUPPORT, NavItem, register

        from .permissions import LOG_TIME, MANAGE, OWN_PROFILE

        register(
            NavItem("ambassadors:own", _("Mijn ambassadeurschap"), permission=OWN_PROFILE, group=ACCOUNT)
        )
        register(NavItem("ambassadors:time", _("Tijdsbesteding"), permission=LOG_TIME, group=SUPPORT))
        register(NavItem("ambassadors:list", _("Ambassadeurs"), permission=MANAGE, group=NETWORK))
        register_panel(
            Panel(
                _("Mijn ambassadeurschap"),
                _("Uw beschikbaarheid, verlof, talen en belangenconflicten; pauzeer als het even niet gaat."),
                "ambassadors:own",
                permission=OWN_PROFILE,
            )
        )
        register_panel(
            Panel(
                _("Tijdsbesteding"),
                _("Houd per zaak en activiteit bij hoeveel tijd u besteedt en bekijk uw maand."),
                "ambassadors:time",
                permission=LOG_TIME,
            )
        )
        register_panel(
            Panel(
                _("Ambassadeurs"),
                _("Profielen, regio's, capaciteit en status van alle regioambassadeurs."),
                "ambassadors:list",
                permission=MANAGE,
            )
        )
        from klankbord.core.homes import COORDINATOR_HOME, HomePanel, register_home_panel

        from .homes import coordinator_availability

        register_home_panel(
            HomePanel(
                COORDINATOR_HOME,
                "availability",
                _("Beschikbaarheid en verlof"),
                "ambassadors/home/availability.html",
                coordinator_availability,
                permission=MANAGE,
                order=35,
            )
        )
