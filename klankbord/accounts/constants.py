from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleSlug(models.TextChoices):
    COUNCIL_MEMBER = "council_member", _("Raadslid")
    COUNSELLOR = "counsellor", _("Vertrouwenspersoon")
    AMBASSADOR = "ambassador", _("Regioambassadeur")
    COORDINATOR = "coordinator", _("Coördinator")
    SELECTION_COMMITTEE = "selection_committee", _("Lid selectiecommissie")
    ADMINISTRATOR = "administrator", _("Beheerder")


class Language(models.TextChoices):
    DUTCH = "nl", _("Nederlands")
    ENGLISH = "en", _("English")


INVITATION_DAYS = 7  # an invitation link works this long, once
MFA_RESET_REASON_MAX = 200
