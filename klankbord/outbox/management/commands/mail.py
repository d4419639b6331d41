"""``klankbord mail worker`` delivers the outbox; ``klankbord mail prune`` deletes old sent and handled mail."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from klankbord.outbox.services import mail_prune
from klankbord.outbox.worker import MailWorker


class Command(BaseCommand):
    help = "Outgoing mail: run the delivery worker, or prune old mail."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        worker = commands.add_parser("worker", help="Deliver the outbox until stopped (SIGTERM).")
        worker.add_argument("--interval", type=float, default=1.0, help="seconds between polls when idle")
        worker.add_argument("--batch", type=int, default=10, help="mails claimed per poll")
        worker.add_argument("--max-mails", type=int, default=None, help="stop after this many attempts")
        worker.add_argument("--max-seconds", type=float, default=None, help="stop after this many seconds")
        worker.add_argument("--until-done", action="store_true", help="stop once no mail waits or is sending")
        worker.add_argument("--worker-id", default=None, help="a unique name (default: generated)")
        prune = commands.add_parser("prune", help="Delete sent mail and handled failures older than N days.")
        prune.add_argument("--min-age-days", type=int, default=14)
        prune.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "prune":
            if options["min_age_days"] < 1:
                raise CommandError("--min-age-days must be at least 1")
            count = mail_prune(min_age_days=options["min_age_days"], dry_run=options["dry_run"])
            verb = "would delete" if options["dry_run"] else "deleted"
            self.stdout.write(f"mail prune: {verb} {count} mail(s)")
            return
        worker = MailWorker(
            interval=options["interval"],
            batch=max(options["batch"], 1),
            max_mails=options["max_mails"],
            max_seconds=options["max_seconds"],
            until_done=options["until_done"],
        )
        if options["worker_id"]:
            worker.worker_id = options["worker_id"]
        worker.install_signal_handlers()
        run = worker.loop()
        self.stdout.write(
            f"mail worker: sent {run.sent}, retried {run.retried}, failed {run.failed}, "
            f"reclaimed {run.reclaimed}, database errors {run.database_errors}"
        )
