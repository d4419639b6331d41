from django.db import models
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    WAITING = (
        "waiting",
        _("wacht"),
    )  # due at next_attempt_at (a first try or a retry after a temporary failure)
    SENDING = "sending", _("wordt verstuurd")  # leased by a worker until lease_expires_at
    SENT = "sent", _("verstuurd")  # the SMTP server accepted it (handed_at)
    FAILED = "failed", _("mislukt")  # refused for good, or every attempt failed


OPEN_STATUSES = (MailStatus.WAITING, MailStatus.SENDING)
