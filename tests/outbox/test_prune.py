"""``klankbord mail prune``: old sent mail goes; a failed mail stays until an administrator handled it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from klankbord.outbox.constants import MailStatus
from klankbord.outbox.models import OutgoingMail
from tests.factories.outbox import outbox_row

pytestmark = pytest.mark.django_db


def test_prune_keeps_failed_mail_nobody_handled_and_everything_still_open() -> None:
    old = timezone.now() - timedelta(days=30)
    outbox_row(status=MailStatus.SENT, sent_at=old, template="old_sent")
    outbox_row(status=MailStatus.SENT, sent_at=timezone.now() - timedelta(days=2), template="recent_sent")
    outbox_row(status=MailStatus.FAILED, failed_at=old, template="failed_unhandled")
    outbox_row(status=MailStatus.FAILED, failed_at=old, handled_at=old, template="failed_handled")
    outbox_row(status=MailStatus.WAITING, waited=timedelta(days=30), template="waiting")
    outbox_row(status=MailStatus.SENDING, waited=timedelta(days=30), template="sending")

    call_command("mail", "prune", "--dry-run")
    assert OutgoingMail.objects.count() == 6
    call_command("mail", "prune")
    assert set(OutgoingMail.objects.values_list("template", flat=True)) == {
        "recent_sent",
        "failed_unhandled",
        "waiting",
        "sending",
    }
