from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "klankbord.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from klankbord.accounts.services import register_access_revoker

        from .services import tokens_revoke_for_user

        # Suspending or ending an account revokes its tokens in the same transaction (accounts cannot import api).
        register_access_revoker(tokens_revoke_for_user)
