from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "klankbord.geo"
    label = "geo"
    verbose_name = _("Gemeenten en regio's")

    def ready(self) -> None:
        from klankbord.core.dashboard import Panel, register_panel

        register_panel(
            Panel(
                title=_("Regio-indeling"),
                text=_("Bekijk welke gemeenten bij welke regio horen en kies de indeling van het netwerk."),
                url_name="geo:regions",
                permission="geo.view_region",
            )
        )
