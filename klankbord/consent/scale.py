"""Scale data of the consent app: the consents each scale report was given with (as at intake)."""

from __future__ import annotations

from collections.abc import Iterator

from klankbord.core.scale import ScaleContext

from .constants import Decision, Method, Purpose, ShareableField
from .models import ConsentRecord


def _records(context: ScaleContext) -> Iterator[ConsentRecord]:
    for row in context.shared["reports.rows"]:
        purposes: list[tuple[str, list[ShareableField]]] = []
        if row.connect:
            shared = [ShareableField.NARRATIVE, ShareableField.MUNICIPALITY, ShareableField.CATEGORIES]
            purposes += [(Purpose.CONNECT_AMBASSADOR, []), (Purpose.SHARE_FIELDS, shared)]
        if context.rng.random() < 0.8:
            purposes.append((Purpose.ANONYMOUS_SIGNALS, []))
        if context.rng.random() < 0.75:
            purposes.append((Purpose.AFTERCARE_CONTACT, []))
        for purpose, fields in purposes:
            yield ConsentRecord(
                report_id=row.pk,
                purpose=purpose,
                decision=Decision.GRANTED,
                fields=fields,
                at=row.received_at,
                recorded_by_id=row.reporter_id,
                method=Method.ONLINE,
            )


def generate(context: ScaleContext) -> None:
    total = round(len(context.shared["reports.rows"]) * 3.3)
    for batch in context.batches("consents", _records(context), total):
        ConsentRecord.objects.bulk_create(batch)
