from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "klankbord.accounts"
    label = "accounts"
    verbose_name = _("Accounts en rollen")

    def ready(self) -> None:
        from . import security
        from .roles import sync_roles_after_migrate

        security.connect()
        _register_navigation()

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="klankbord.accounts.sync_roles")


def _register_navigation() -> None:
    from klankbord.core.navigation import ADMIN, NavItem, register

    register(NavItem("accounts:users", _("Gebruikers"), permission="accounts.manage_users", group=ADMIN))
    register(
        NavItem(
            "accounts:grants", _("Roltoekenningen"), permission="accounts.confirm_role_grants", group=ADMIN
        )
    )
    register(NavItem("accounts:audit", _("Auditlog"), permission="audit.view_auditentry", group=ADMIN))
