"""Outbox rows in a given state, and a mail backend whose answers a test scripts (no network)."""

from __future__ import annotations

import smtplib
from collections import deque
from datetime import timedelta
from typing import Any, ClassVar

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.utils import timezone

from klankbord.outbox.constants import MailStatus
from klankbord.outbox.models import OutgoingMail
from klankbord.outbox.services import new_message_id


def outbox_row(
    *,
    waited: timedelta = timedelta(0),
    status: str = MailStatus.WAITING,
    recipient: str = "a@example.test",
    **fields: Any,
) -> OutgoingMail:
    """A row as the outbox would hold it, created ``waited`` ago."""
    created = timezone.now() - waited
    defaults: dict[str, Any] = {
        "message_id": new_message_id(),
        "template": "generic_notice",
        "recipient": recipient,
        "subject": "Er staat iets voor u klaar in Klankbord",
        "body": "Beste Sanne,\nhttps://klankbord.example/x/\n",
        "status": status,
        "created_at": created,
        "next_attempt_at": created,
    }
    defaults.update(fields)
    return OutgoingMail.objects.create(**defaults)


class ScriptedBackend(LocmemBackend):
    """``locmem`` that first raises the errors in ``script`` (one per message, in order), then delivers.

    ``ScriptedBackend.script.extend([smtplib.SMTPRecipientsRefused(...), TimeoutError()])``; reset with
    ``ScriptedBackend.reset()``.
    """

    script: ClassVar[deque[BaseException]] = deque()

    @classmethod
    def reset(cls, *errors: BaseException) -> None:
        cls.script.clear()
        cls.script.extend(errors)

    def send_messages(self, messages: Any) -> int:
        if self.script:
            raise self.script.popleft()
        return super().send_messages(messages)


def refused(code: int) -> smtplib.SMTPRecipientsRefused:
    return smtplib.SMTPRecipientsRefused({"a@example.test": (code, b"5.1.1 <a@example.test> no such user")})
