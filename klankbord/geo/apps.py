from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def restore_reference_data(sender: Any, **kwargs: Any) -> None:
    """After ``flush`` (which empties every table, e.g. between transactional tests) the reference data comes
    back, as the data migration first put it there; a database that has it is left untouched."""
    if getattr(sender, "label", "") != "geo":
        return
    from .models import Municipality
    from .services import reference_data_load

    if not Municipality.objects.using(kwargs.get("using", "default")).exists():
        reference_data_load()


class GeoConfig(AppConfig):
    name = "klankbord.geo"
    label = "geo"
    verbose_name = _("Gemeenten en regio's")

    def ready(self) -> None:
        from klankbord.core.dashboard import Panel, register_panel

        post_migrate.connect(restore_reference_data, dispatch_uid="klankbord.geo.restore_reference_data")
        from .models import Party
        from .selectors import party_names_clear

        for signal in (post_save, post_delete):
            signal.connect(
                party_names_clear, sender=Party, dispatch_uid=f"klankbord.geo.party_names.{signal}"
            )

        register_panel(
            Panel(
                title=_("Regio-indeling"),
                text=_("Bekijk welke gemeenten bij welke regio horen en kies de indeling van het netwerk."),
                url_name="geo:regions",
                permission="geo.view_region",
            )
        )
