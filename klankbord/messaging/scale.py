"""Scale data of the messaging app: one conversation per report, its participants and about ten messages each.

Message counts per report are skewed (most conversations are short, a few long); bodies are encrypted per row.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import TYPE_CHECKING

from klankbord.core.scale import ScaleContext

from .constants import ParticipantKind
from .models import Message, Participant, Thread

if TYPE_CHECKING:
    from klankbord.reports.scale import ScaleReport

LINES = [
    "Dank voor uw bericht. Ik bel u morgen aan het eind van de middag.",
    "Het gaat iets beter, maar de berichten op sociale media gaan door.",
    "Zal ik de regioambassadeur vragen contact met u op te nemen?",
    "Ik heb aangifte gedaan; de politie neemt contact op.",
    "Kunnen we volgende week even bijpraten over hoe het nu gaat?",
]


def _participants(row: ScaleReport, thread_id: int) -> Iterator[Participant]:
    yield Participant(thread_id=thread_id, user_id=row.reporter_id, kind=ParticipantKind.REPORTER)
    if row.counsellor_id:
        yield Participant(thread_id=thread_id, user_id=row.counsellor_id, kind=ParticipantKind.COUNSELLOR)
    if row.ambassador_user_id:
        yield Participant(
            thread_id=thread_id, user_id=row.ambassador_user_id, kind=ParticipantKind.AMBASSADOR
        )


def _messages(context: ScaleContext, threads: list[tuple[int, ScaleReport]]) -> Iterator[Message]:
    rng, mean = context.rng, context.count("messages") / max(1, len(threads))
    for thread_id, row in threads:
        count = min(60, int(rng.expovariate(1 / mean)) + 1) if row.counsellor_id else 1
        for number in range(count):
            kind = ParticipantKind.REPORTER if number % 2 == 0 else ParticipantKind.COUNSELLOR
            author = row.reporter_id if kind == ParticipantKind.REPORTER else row.counsellor_id
            yield Message(
                thread_id=thread_id,
                author_id=author,
                author_kind=kind,
                body=rng.choice(LINES),
                created_at=row.received_at + timedelta(hours=number * 7),
            )


def generate(context: ScaleContext) -> None:
    rows = context.shared["reports.rows"]
    threads: list[tuple[int, ScaleReport]] = []
    made = (Thread(report_id=row.pk, created_at=row.received_at) for row in rows)
    for batch in context.batches("threads", made, len(rows)):
        created = Thread.objects.bulk_create(batch)
        threads.extend((thread.pk, row) for thread, row in zip(created, rows[len(threads) :], strict=False))
    people = (p for thread_id, row in threads for p in _participants(row, thread_id))
    for participants in context.batches("participants", people, len(rows) * 2):
        Participant.objects.bulk_create(participants)
    for messages in context.batches("messages", _messages(context, threads), context.count("messages")):
        Message.objects.bulk_create(messages)
