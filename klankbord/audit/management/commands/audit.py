from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from klankbord.audit.anchor import AnchorFileError, anchor_append, anchors_read
from klankbord.audit.services import audit_verify

logger = logging.getLogger("klankbord.audit.anchor")


class Command(BaseCommand):
    help = (
        "Audit log tools. `klankbord audit verify` checks the whole hash chain, the head and the anchors of "
        "earlier runs (KLANKBORD_AUDIT_ANCHOR_FILE), then anchors the head."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"], help="verify: recompute the hash chain")

    def handle(self, *args: Any, **options: Any) -> None:
        path = settings.AUDIT_ANCHOR_FILE
        try:
            anchors = anchors_read(path)
        except AnchorFileError as exc:
            raise CommandError(f"Audit anchor file {path}: {exc}.") from exc
        result = audit_verify(anchors=anchors)
        if not result.ok:
            logger.error("audit.chain.broken checked=%s problem=%s", result.checked, result.problem)
            raise CommandError(f"Audit chain BROKEN after {result.checked} good entries: {result.problem}.")
        anchor_append(path, result)
        where = f", head anchored in {path}" if path else ", head anchored in the log only"
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit chain intact: {result.checked} entries verified against {len(anchors)} anchors{where}."
            )
        )
