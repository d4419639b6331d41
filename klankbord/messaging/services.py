"""Writes for secure messaging: threads, messages, read markers and attachments (claimed from pending uploads).

Access is decided by the caller through ``klankbord.reports.permissions``; these services trust the
``kind`` they are given and record it. Notifications never carry content.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from django.db import transaction
from django.utils import timezone

from klankbord.accounts.types import Actor, User
from klankbord.audit.services import audit_log
from klankbord.core.errors import DomainError
from klankbord.core.mail import mail_send
from klankbord.uploads.models import PendingUpload
from klankbord.uploads.services import pending_upload_claim

from .constants import MAX_ATTACHMENTS_PER_MESSAGE, ParticipantKind
from .models import Attachment, Message, Participant, Thread

if TYPE_CHECKING:
    from klankbord.reports.models import Report


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def thread_for_report(*, report: Report) -> Thread:
    thread, _created = Thread.objects.get_or_create(report=report)
    return thread


def participant_mark_read(*, thread: Thread, actor: Actor, kind: str) -> Participant:
    """Move this participant's read marker to now (creating the participant on first read)."""
    user = _user(actor)
    lookup = {"thread": thread, "user": user} if user else {"thread": thread, "user": None, "kind": kind}
    participant, _created = Participant.objects.get_or_create(**lookup, defaults={"kind": kind})
    Participant.objects.filter(pk=participant.pk).update(last_read_at=timezone.now())
    return participant


@transaction.atomic  # the claim, the attachment and its audit entry stand or fall together
def _attach(
    *, thread: Thread, message: Message | None, pending: PendingUpload, user: User | None, kind: str
) -> Attachment:
    attachment = Attachment.objects.create(
        thread=thread,
        message=message,
        file=pending_upload_claim(pending=pending),  # the encrypted file stays where it is; its owner changes
        original_name=pending.original_name,
        content_type=pending.content_type,
        size=pending.size,
        uploaded_by=user,
        uploaded_by_kind=kind,
    )
    audit_log(
        actor=user,
        action="messaging.attachment.added",
        target=attachment,
        data={"report": thread.report_id, "content_type": attachment.content_type, "size": attachment.size},
        actor_label=None if user else "reporter:receipt",
    )
    return attachment


def attachments_claim(
    *, thread: Thread, message: Message | None, pending: Sequence[PendingUpload], actor: Actor, kind: str
) -> list[Attachment]:
    if len(pending) > MAX_ATTACHMENTS_PER_MESSAGE:
        raise DomainError("too many attachments", code="too_many_attachments")
    user = _user(actor)
    return [_attach(thread=thread, message=message, pending=p, user=user, kind=kind) for p in pending]


def message_send(
    *, thread: Thread, actor: Actor, kind: str, body: str, pending: Sequence[PendingUpload] = ()
) -> Message:
    """Post a message (and its already-checked attachments), mark it read for the sender, notify the others."""
    if kind not in ParticipantKind.values:
        raise ValueError(f"unknown participant kind {kind!r}")
    user = _user(actor)
    with transaction.atomic():
        message = Message.objects.create(thread=thread, author=user, author_kind=kind, body=body.strip())
        attachments_claim(thread=thread, message=message, pending=pending, actor=actor, kind=kind)
        participant_mark_read(thread=thread, actor=actor, kind=kind)
        audit_log(
            actor=user,
            action="messaging.message.sent",
            target=message,
            data={"report": thread.report_id, "kind": kind, "attachments": len(pending)},
            actor_label=None if user else "reporter:receipt",
        )
        _notify(thread=thread, sender_kind=kind)
    return message


class Recipient(Protocol):
    """Someone who hears (without content) that a message arrived."""

    @property
    def address(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def language(self) -> str: ...
    @property
    def path(self) -> str: ...


class RecipientsFor(Protocol):
    """A provider of the people who hear of a new message in a report's thread."""

    def __call__(self, *, report: Report, sender_kind: str) -> Iterable[Recipient]: ...


_RECIPIENTS_FOR: list[RecipientsFor] = []


def message_recipients_register(provider: RecipientsFor) -> None:
    """Register who hears of a new message in a report's thread: ``provider(report=..., sender_kind=...)``.

    The reports app registers this from ``AppConfig.ready``: reports' services build on messaging, so messaging
    asks through this hook instead of importing them back (docs/architecture.md).
    """
    if provider not in _RECIPIENTS_FOR:
        _RECIPIENTS_FOR.append(provider)


def _notify(*, thread: Thread, sender_kind: str) -> None:
    for provider in _RECIPIENTS_FOR:
        for recipient in provider(report=thread.report, sender_kind=sender_kind):
            mail_send(
                to=recipient.address,
                template="new_message",
                context={"path": recipient.path},
                language=recipient.language,
                recipient_name=recipient.name,
            )
