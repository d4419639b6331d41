"""Readable labels of the audit codes this app writes (klankbord.audit.labels)."""

from django.utils.translation import gettext_lazy as _

from klankbord.audit.labels import register_labels

register_labels(
    {
        "accounts.user.created": _("Account aangemaakt"),
        "accounts.user.signed_up": _("Zelf aangemeld als raadslid"),
        "accounts.user.updated": _("Accountgegevens gewijzigd"),
        "accounts.user.invited": _("Uitgenodigd per e-mail"),
        "accounts.invitation.accepted": _("Uitnodiging aanvaard: wachtwoord en tweede factor ingesteld"),
        "accounts.user.suspended": _("Account opgeschort"),
        "accounts.user.reactivated": _("Account heropend"),
        "accounts.user.ended": _("Account beëindigd"),
        "accounts.user.role_assigned": _("Rol toegekend"),
        "accounts.user.role_granted": _("Rol toegekend, wacht op bevestiging"),
        "accounts.user.role_confirmed": _("Roltoekenning bevestigd"),
        "accounts.user.role_grant_refused": _("Roltoekenning afgewezen"),
        "accounts.user.role_removed": _("Rol ingetrokken"),
        "accounts.role.updated": _("Rol gewijzigd"),
        "accounts.authenticator.added": _("Tweede factor ingesteld"),
        "accounts.authenticator.removed": _("Tweede factor verwijderd"),
        "accounts.authenticator.deleted": _("Tweede factor verwijderd door beheer"),
        "accounts.authenticator.reset": _("Tweede factor teruggezet door beheer"),
        "accounts.authenticator.regenerated": _("Nieuwe herstelcodes aangemaakt"),
        "accounts.authenticator.recovery_code_used": _("Ingelogd met een herstelcode"),
        "accounts.session.logged_in": _("Ingelogd"),
        "accounts.session.logged_out": _("Uitgelogd"),
        "accounts.session.login_failed": _("Inloggen mislukt"),
        "accounts.session.locked_out": _("Inloggen geblokkeerd na te veel mislukte pogingen"),
        "accounts.password.reset_requested": _("Nieuw wachtwoord aangevraagd"),
        "accounts.password.reset_done": _("Wachtwoord opnieuw ingesteld"),
        "accounts.password.changed": _("Wachtwoord gewijzigd"),
    }
)
