from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "klankbord.signals"
    label = "signals"
    verbose_name = _("Signalering")

    def ready(self) -> None:
        from klankbord.reports.workflow import on_report_final

        from .services import signal_record_after_close

        on_report_final(signal_record_after_close)
        from klankbord.core.dashboard import Panel, register_panel
        from klankbord.core.navigation import NavItem, register

        register(NavItem("signals:create", _("Signaal doorgeven"), permission="signals.add_signal"))
        register(NavItem("signals:dashboard", _("Signalen"), permission="signals.view_aggregates"))
        register_panel(
            Panel(
                _("Signaal doorgeven"),
                _("Geef geanonimiseerd door wat u ziet: patronen, onderwerpen en wat hielp of ontbrak."),
                "signals:create",
                permission="signals.add_signal",
            )
        )
        register_panel(
            Panel(
                _("Signalen"),
                _("Trends, dekking en waarschuwingen, alleen als totalen (kleine aantallen verborgen)."),
                "signals:dashboard",
                permission="signals.view_aggregates",
            )
        )
        from klankbord.core.homes import COORDINATOR_HOME, HomePanel, register_home_panel

        from .homes import coordinator_warnings

        register_home_panel(
            HomePanel(
                COORDINATOR_HOME,
                "warnings",
                _("Waarschuwingen: signalen"),
                "signals/home/warnings.html",
                coordinator_warnings,
                permission="signals.view_aggregates",
                order=50,
            )
        )
