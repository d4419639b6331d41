"""Django's ``flush`` (wipe every table), which must lift the audit table's append-only triggers to do so."""

from __future__ import annotations

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from klankbord.audit.triggers import disable_append_only, enable_append_only


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        disable_append_only(connection)
        try:
            super().handle(**options)
        finally:
            enable_append_only(connection)
