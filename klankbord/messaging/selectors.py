"""Reads for secure messaging. Callers decide access first (``klankbord.reports.permissions``)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest

from klankbord.accounts.types import AnyUser, User
from klankbord.audit.services import audit_log
from klankbord.reports.permissions import Viewer

from .constants import ParticipantKind
from .models import Attachment, Message, Participant, Thread
from .permissions import can_open_attachment

if TYPE_CHECKING:
    from klankbord.reports.models import Report


def unread_count_subquery(*, user: User) -> Coalesce:
    """Per report: messages by others after ``user``'s read marker (all of them if they never read).

    Used as an annotation on Report querysets, so a list costs one query however long it is.
    """
    marker = Participant.objects.filter(thread_id=OuterRef("thread_id"), user_id=user.pk).values(
        "last_read_at"
    )[:1]
    unread = (
        Message.objects.filter(thread__report_id=OuterRef("pk"))
        .exclude(author_id=user.pk)
        .annotate(seen=Subquery(marker))
        .filter(Q(seen__isnull=True) | Q(created_at__gt=F("seen")))
        .order_by()
        .values("thread__report_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(unread, output_field=IntegerField()), Value(0))


def thread_of_report(*, report: Report | int) -> Thread | None:
    return Thread.objects.filter(report=report).first()


def participant_for(*, thread: Thread, user: AnyUser | None, kind: str) -> Participant | None:
    if isinstance(user, User):
        return Participant.objects.filter(thread=thread, user=user).first()
    return Participant.objects.filter(thread=thread, user__isnull=True, kind=kind).first()


def thread_messages(*, thread: Thread, kind: str, participant: Participant | None) -> QuerySet[Message]:
    """Messages the participant may read: an ambassador only from the moment they joined."""
    messages = Message.objects.filter(thread=thread).select_related("author").prefetch_related("attachments")
    if kind == ParticipantKind.AMBASSADOR:
        if participant is None:
            return messages.none()
        messages = messages.filter(created_at__gte=participant.joined_at)
    return messages.order_by("created_at", "pk")


def messages_of_report(*, report_id: int) -> QuerySet[Message]:
    """Every message of the report's conversation with its author, oldest first (for the member's export)."""
    return (
        Message.objects.filter(thread__report_id=report_id)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def attachments_of_report(*, report_id: int) -> QuerySet[Attachment]:
    """Every file of the report's conversation (with the report or a message), oldest first."""
    return Attachment.objects.filter(thread__report_id=report_id).order_by("created_at", "pk")


def report_attachments(*, thread: Thread | None) -> QuerySet[Attachment]:
    """Files sent with the report itself (not with a message)."""
    if thread is None:
        return Attachment.objects.none()
    return Attachment.objects.filter(thread=thread, message__isnull=True).order_by("created_at", "pk")


def attachment_get(*, pk: int | str) -> Attachment:
    """The attachment with its report loaded, unchecked: pages use ``attachment_open_for_request``."""
    try:
        return Attachment.objects.select_related("thread__report", "message").get(pk=int(pk))
    except (Attachment.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def attachment_open_for_request(*, request: HttpRequest, pk: int | str) -> Attachment:
    """The attachment for whoever made ``request`` (account or receipt session), audited as read; else 404."""
    attachment = attachment_get(pk=pk)
    if not can_open_attachment(request, attachment):
        raise Http404
    viewer = Viewer.from_request(request)
    audit_log(
        actor=viewer.account,
        action="messaging.attachment.viewed",
        target=attachment,
        data={"report": attachment.thread.report_id},
        actor_label=viewer.audit_label,
    )
    return attachment


class MessageRow(TypedDict):
    message: Message
    who: str
    mine: bool
    new: bool


def message_rows(
    messages: list[Message], *, viewer_user: AnyUser | None, viewer_kind: str, last_read: datetime | None
) -> list[MessageRow]:
    """Display rows: who wrote it (as this viewer should see it), whether it is mine, whether it is new."""
    from django.utils.translation import gettext as _

    viewer_id = viewer_user.pk if isinstance(viewer_user, User) else None
    rows: list[MessageRow] = []
    for message in messages:
        if viewer_id is not None:
            mine = message.author_id == viewer_id
        else:
            mine = message.author_id is None and message.author_kind == viewer_kind
        if mine:
            who = _("U")
        elif message.author_kind == ParticipantKind.REPORTER:
            who = _("Melder")
        else:
            name = (message.author.display_name or "") if message.author else ""
            who = f"{ParticipantKind(message.author_kind).label} {name}".strip()
        new = not mine and (last_read is None or message.created_at > last_read)
        rows.append({"message": message, "who": who, "mine": mine, "new": new})
    return rows
