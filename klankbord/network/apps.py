from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "klankbord.network"
    label = "network"
    verbose_name = _("Netwerk")

    def ready(self) -> None:
        from klankbord.core.dashboard import Panel, register_panel
        from klankbord.core.navigation import CASES, NETWORK, NavItem, register

        from .permissions import DEBRIEFS, FIGURES, MANAGE, TAKE_PART

        register(NavItem("network:mine", _("Bijeenkomsten"), permission=TAKE_PART, group=NETWORK))
        register(NavItem("network:wellbeing", _("Mijn belasting"), permission=TAKE_PART, group=NETWORK))
        register(
            NavItem("network:gatherings", _("Terugkomdag en intervisie"), permission=MANAGE, group=NETWORK)
        )
        register(NavItem("network:loads", _("Belasting"), permission=FIGURES, group=NETWORK))
        register(NavItem("network:debriefs", _("Nagesprekken"), permission=DEBRIEFS, group=CASES))
        for panel in (
            Panel(
                _("Bijeenkomsten"),
                _("Uitnodigingen voor de terugkomdag en intervisie; breng ervaringen in."),
                "network:mine",
                TAKE_PART,
            ),
            Panel(
                _("Mijn belasting"),
                _("Uw zaken, uren en zware zaken; vraag een nagesprek of pauzeer."),
                "network:wellbeing",
                TAKE_PART,
            ),
            Panel(
                _("Terugkomdag en intervisie"),
                _("Plan bijeenkomsten, nodig uit, registreer aanwezigheid, maak de leesmap."),
                "network:gatherings",
                MANAGE,
            ),
            Panel(
                _("Belasting en tijd"),
                _("Belasting per ambassadeur; tijdsbesteding per regio, maand en activiteit."),
                "network:loads",
                FIGURES,
            ),
            Panel(
                _("Nagesprekken"),
                _("Ambassadeurs die om een nagesprek vragen."),
                "network:debriefs",
                DEBRIEFS,
            ),
        ):
            register_panel(panel)
        from klankbord.core.homes import AMBASSADOR_HOME, COORDINATOR_HOME, HomePanel, register_home_panel

        from . import homes

        for home_panel in (
            HomePanel(
                AMBASSADOR_HOME,
                "gatherings",
                _("Komende bijeenkomsten"),
                "network/home/gatherings.html",
                homes.ambassador_gatherings,
                permission=TAKE_PART,
                order=40,
            ),
            HomePanel(
                AMBASSADOR_HOME,
                "load",
                _("Mijn belasting"),
                "network/home/load.html",
                homes.ambassador_load,
                permission=TAKE_PART,
                order=50,
            ),
            HomePanel(
                COORDINATOR_HOME,
                "loads",
                _("Waarschuwingen: belasting"),
                "network/home/load_warnings.html",
                homes.coordinator_load_warnings,
                permission=FIGURES,
                order=40,
            ),
            HomePanel(
                COORDINATOR_HOME,
                "gathering",
                _("Volgende bijeenkomst"),
                "network/home/next_gathering.html",
                homes.coordinator_next_gathering,
                permission=MANAGE,
                order=70,
            ),
        ):
            register_home_panel(home_panel)
