from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "klankbord.network"
    label = "network"
    verbose_name = _("Netwerk")

    def ready(self) -> None:
        from klankbord.core.dashboard import Panel, register_panel
        from klankbord.core.navigation import NavItem, register

        from .permissions import DEBRIEFS, FIGURES, MANAGE, TAKE_PART

        register(NavItem("network:mine", _("Bijeenkomsten"), permission=TAKE_PART))
        register(NavItem("network:wellbeing", _("Mijn belasting"), permission=TAKE_PART))
        register(NavItem("network:gatherings", _("Terugkomdag en intervisie"), permission=MANAGE))
        register(NavItem("network:loads", _("Belasting"), permission=FIGURES))
        register(NavItem("network:debriefs", _("Nagesprekken"), permission=DEBRIEFS))
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
