from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "klankbord.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self) -> None:
        from .homes import ADMINISTRATOR_HOME, HomeLink, register_home_link

        # The administrator's home links to what exists (the admin's lists); an app that adds a page for the
        # administrator registers one more ``HomeLink`` in its own ``ready``.
        manage = "accounts.manage_users"
        for link in (
            HomeLink(
                ADMINISTRATOR_HOME,
                "accounts:users",
                _("Gebruikers"),
                _(
                    "Uitnodigen, rollen (met vier ogen), schorsen, beëindigen, tweestapsverificatie herstellen."
                ),
                manage,
            ),
            HomeLink(
                ADMINISTRATOR_HOME,
                "admin:accounts_role_changelist",
                _("Rollen"),
                _("Wat elke rol mag."),
                manage,
            ),
            HomeLink(
                ADMINISTRATOR_HOME,
                "admin:api_personalaccesstoken_changelist",
                _("Sleutels (API-tokens)"),
                _(
                    "Persoonlijke toegangssleutels; de sleutelring van de versleuteling: klankbord crypto status."
                ),
                manage,
            ),
            HomeLink(
                ADMINISTRATOR_HOME,
                "accounts:audit",
                _("Audit"),
                _("Wie wat deed en inzag, met filters en een export voor onderzoek."),
                "audit.view_auditentry",
            ),
            HomeLink(
                ADMINISTRATOR_HOME,
                "outbox:list",
                _("Mislukte bezorgingen"),
                _("Uitgaande e-mail die wacht of mislukte, met opnieuw versturen."),
                "outbox.manage_outgoing_mail",
            ),
            HomeLink(ADMINISTRATOR_HOME, "geo:regions", _("Regio-indeling"), "", "geo.view_region"),
        ):
            register_home_link(link)
