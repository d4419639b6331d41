"""The mail worker's loop (``klankbord mail worker``): reclaim, claim, send, and survive the database going away.

The loop never dies of a database outage: an ``OperationalError`` or ``InterfaceError`` closes every connection,
waits (doubling up to 30 s) and tries again, so the worker reconnects by itself once the database is back. A
message the server accepted while the database could not record it is kept in memory and recorded before
anything else is claimed. ``SIGTERM``/``SIGINT`` finish the current message and stop; the supervisor (systemd
``Restart=always``, compose ``restart: unless-stopped``) starts a new worker after any exit.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from dataclasses import dataclass, field

from django.db import OperationalError, close_old_connections, connections

from .constants import OPEN_STATUSES
from .delivery import (
    DATABASE_ERRORS,
    HandOverNotRecorded,
    attempt,
    claim,
    mark_sent,
    new_worker_id,
    reclaim_expired,
    record_handed,
)
from .models import OutgoingMail

logger = logging.getLogger(__name__)
MAX_OUTAGE_WAIT = 30.0


@dataclass
class WorkerRun:
    """What one run did (the command prints it; tests read it)."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    reclaimed: int = 0
    database_errors: int = 0
    unrecorded: set[int] = field(default_factory=set)


@dataclass
class MailWorker:
    worker_id: str = field(default_factory=new_worker_id)
    interval: float = 1.0
    batch: int = 10
    max_mails: int | None = None  # stop after this many attempts (tests, bounded runs)
    max_seconds: float | None = None  # stop after this long
    until_done: bool = False  # stop once no mail waits or is being sent
    # A worker process recycles its database connections; a test that runs the loop inside its transaction
    # cannot let it (closing the connection would end the test's transaction).
    manage_connections: bool = True
    stopping: threading.Event = field(default_factory=threading.Event)
    run: WorkerRun = field(default_factory=WorkerRun)

    def stop(self, *_args: object) -> None:
        self.stopping.set()

    def install_signal_handlers(self) -> None:
        for name in ("SIGTERM", "SIGINT"):
            signal.signal(getattr(signal, name), self.stop)

    def _attempts(self) -> int:
        return self.run.sent + self.run.retried + self.run.failed

    def _bounded_out(self, started: float) -> bool:
        if self.max_mails is not None and self._attempts() >= self.max_mails:
            return True
        return self.max_seconds is not None and time.monotonic() - started >= self.max_seconds

    def _flush_unrecorded(self) -> None:
        for mail_id in sorted(self.run.unrecorded):
            record_handed(mail_id)
            mark_sent(mail_id)
            self.run.unrecorded.discard(mail_id)

    def _deliver(self, mail_id: int) -> None:
        try:
            status = attempt(mail_id, worker_id=self.worker_id)
        except HandOverNotRecorded as error:
            self.run.unrecorded.add(error.mail_id)
            self.run.sent += 1
            raise OperationalError("the hand-over could not be recorded") from error
        if status == "sent":
            self.run.sent += 1
        elif status == "waiting":
            self.run.retried += 1
        elif status == "failed":
            self.run.failed += 1

    def step(self) -> int:
        """One pass: record pending hand-overs, reclaim dead leases, claim and send a batch."""
        if self.manage_connections:
            close_old_connections()
        self._flush_unrecorded()
        self.run.reclaimed += reclaim_expired()
        limit = (
            self.batch
            if self.max_mails is None
            else max(min(self.batch, self.max_mails - self._attempts()), 0)
        )
        picked = claim(worker_id=self.worker_id, limit=limit) if limit else []
        for mail_id in picked:
            self._deliver(mail_id)
            if self.stopping.is_set():
                break
        return len(picked)

    def _done(self) -> bool:
        return not OutgoingMail.objects.filter(status__in=OPEN_STATUSES).exists()

    def loop(self) -> WorkerRun:
        started, outage_wait = time.monotonic(), 0.5
        logger.info("mail worker %s started", self.worker_id)
        while not self.stopping.is_set() and not self._bounded_out(started):
            try:
                picked = self.step()
                if not picked and self.until_done and self._done():
                    break
                outage_wait = 0.5
            except DATABASE_ERRORS as error:
                self.run.database_errors += 1
                logger.warning(
                    "mail worker: database unavailable (%s); retrying in %.1f s",
                    type(error).__name__,
                    outage_wait,
                )
                if self.manage_connections:
                    connections.close_all()
                self.stopping.wait(outage_wait)
                outage_wait = min(outage_wait * 2, MAX_OUTAGE_WAIT)
                continue
            if not picked:
                self.stopping.wait(self.interval)
        logger.info("mail worker %s stopped: %s", self.worker_id, self.run)
        if self.manage_connections:
            connections.close_all()
        return self.run
