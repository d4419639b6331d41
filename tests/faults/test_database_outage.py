"""Fault: the database stops (a crash, ``pg_ctl stop -m immediate``) under a running ``klankbord serve``, and starts.

A private PostgreSQL cluster (tests/factories/pgcluster.py, port 55433, never the shared server) gets a copy of
the migrated test database; ``klankbord serve`` (gunicorn, one worker, persistent connections) runs against it and
is spoken to over HTTP like a browser (cookies, CSRF, the form's submission key). While the database is down a
post gets 503 with Retry-After and the Dutch page that says it was not received, with what was typed; once the
database is back the same server answers again, without a restart, and a report stored just before the crash
(its answer lost) is recovered with its key: its receipt, and no second report.
Run with: DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb_<name> uv run pytest -m faults tests/faults -q
"""

from __future__ import annotations

import html
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import OperationalError, connection, connections

from tests.factories.pgcluster import PrivateCluster, postgres_bindir, private_cluster

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
ROOT = Path(__file__).resolve().parents[2]
FAULT_DB = "kb_fault"
SERVER_START_SECONDS = 40
ROUNDS = int(os.environ.get("KLANKBORD_FAULT_ROUNDS", "1"))
FORMS = int(os.environ.get("KLANKBORD_FAULT_FORMS", "9"))

pytestmark = [
    pytest.mark.faults,
    pytest.mark.skipif(
        not ON_POSTGRES,
        reason="needs PostgreSQL: the private cluster is filled from the migrated test database",
    ),
    pytest.mark.skipif(postgres_bindir() is None, reason="needs the PostgreSQL server binaries"),
    # Ordered with the non-transactional tests, before any transactional test empties the test database.
    pytest.mark.django_db,
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str


class Browser:
    """Cookies and no automatic redirects: each answer is seen as the browser first gets it.

    Each browser comes from its own address (``X-Forwarded-For`` behind one trusted proxy), as different members
    do: the public form allows ten reports an hour per address.
    """

    _count = 0

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirects)
        Browser._count += 1
        self.opener.addheaders = [
            ("X-Forwarded-For", f"10.0.{Browser._count // 250}.{Browser._count % 250 + 1}")
        ]

    def _open(self, request: urllib.request.Request) -> Answer:
        try:
            with self.opener.open(request, timeout=20) as response:
                return Answer(response.status, dict(response.headers), response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), error.read().decode())

    def get(self, path: str) -> Answer:
        return self._open(urllib.request.Request(self.base + path))  # noqa: S310 — our own server on loopback

    def post(self, path: str, data: dict[str, str]) -> Answer:
        body = urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(self.base + path, data=body))  # noqa: S310


def _hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"', page)
    assert found, page[:2000]
    return html.unescape(found.group(1))


def _report_form(browser: Browser, municipality: str, narrative: str) -> dict[str, str]:
    """Open the report form and fill it in, as a member would: the post it would send."""
    page = browser.get("/melden/formulier/?acute_danger=nee").body
    return {
        "csrfmiddlewaretoken": _hidden(page, "csrfmiddlewaretoken"),
        "_submission": _hidden(page, "_submission"),
        "acute_danger": "nee",
        "municipality": municipality,
        "narrative": narrative,
    }


def _resend_form(page: str) -> dict[str, str]:
    form = re.search(r'<form method="post" action="[^"]+">(.*?)</form>', page, flags=re.S)
    assert form, page
    fields = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form.group(1))
    return {name: html.unescape(value) for name, value in fields}


def _copy_test_database(cluster: PrivateCluster) -> None:
    """The migrated schema and reference data of the test database, into the private cluster (seconds, not a
    half-minute of migrations)."""
    source = connection.settings_dict
    cluster.createdb(FAULT_DB)
    dump = subprocess.run(  # noqa: S603 — fixed arguments
        [
            str(cluster.bindir / "pg_dump"),
            "--no-owner",
            "--no-privileges",
            "-h",
            str(source["HOST"] or "127.0.0.1"),
            "-p",
            str(source["PORT"] or 5432),
            "-U",
            str(source["USER"] or "postgres"),
            "-d",
            str(source["NAME"]),
        ],
        capture_output=True,
        check=True,
        timeout=60,
    )
    subprocess.run(  # noqa: S603
        [
            str(cluster.bindir / "psql"),
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            "127.0.0.1",
            "-p",
            str(cluster.port),
            "-U",
            "postgres",
            "-d",
            FAULT_DB,
        ],
        input=dump.stdout,
        capture_output=True,
        check=True,
        timeout=60,
    )


@dataclass
class Running:
    cluster: PrivateCluster
    server: subprocess.Popen[bytes]
    base: str


@pytest.fixture(scope="module")
def served(django_db_setup: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    tmp_path = tmp_path_factory.mktemp("served")
    with private_cluster() as cluster:
        _copy_test_database(cluster)
        port = _free_port()
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("KLANKBORD_", "DATABASE_"))}
        environment.update(
            DATABASE_URL=cluster.url(FAULT_DB),
            DATABASE_CONN_MAX_AGE="60",  # the harder case: a kept connection dies with the server
            DATABASE_CONNECT_TIMEOUT="2",
            TRUSTED_PROXY_COUNT="1",
            KLANKBORD_VAR_DIR=str(tmp_path),
            EMAIL_MODE="file",
            TASKS_QUEUED="false",
        )
        log = (tmp_path / "serve.log").open("wb")
        command = [sys.executable, "-m", "klankbord", "serve", "--bind", f"127.0.0.1:{port}"]
        server = subprocess.Popen(  # noqa: S603
            [*command, "--workers", "1", "--no-preload-deduce"],
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_serving(base, server)
            yield Running(cluster, server, base)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
            log.close()


def _wait_until_serving(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, "klankbord serve exited at start"
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2):  # noqa: S310
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("klankbord serve did not answer within the start-up time")


def test_a_database_crash_gives_503_then_recovery_without_a_restart_and_no_report_lost_or_doubled(
    served: Running,
) -> None:
    cluster, browser = served.cluster, Browser(served.base)
    municipality = cluster.psql(FAULT_DB, "SELECT id FROM geo_municipality ORDER BY name LIMIT 1")
    reports = lambda: int(cluster.psql(FAULT_DB, "SELECT count(*) FROM reports_report"))  # noqa: E731

    first = browser.post("/melden/formulier/", _report_form(browser, municipality, "Voor de storing gemeld."))
    assert (first.status, first.headers["Location"]) == (302, "/melden/ontvangen/")

    stored = _report_form(
        browser, municipality, "Opgeslagen vlak voor de storing; het antwoord ging verloren."
    )
    assert browser.post("/melden/formulier/", stored).status == 302  # committed; the member never saw it
    typed = _report_form(
        browser, municipality, "Getypt terwijl de database plat lag, verstuurd tijdens de storing."
    )
    assert reports() == 2

    cluster.stop("immediate")
    started = time.monotonic()
    down = browser.post("/melden/formulier/", typed)
    assert time.monotonic() - started < 10, "a dead database must not hold the worker"
    assert down.status == 503
    assert down.headers["Retry-After"] == "30"
    assert "Uw gegevens zijn niet ontvangen." in down.body
    assert "Getypt terwijl de database plat lag" in down.body  # what was typed is kept
    retried = browser.post("/melden/formulier/", stored)  # the member tries again while it is down
    assert retried.status == 503
    page = browser.get("/melden/")
    assert page.status == 503 and "Probeer het over een minuut opnieuw" in page.body

    cluster.start()
    assert served.server.poll() is None  # the same server process, never restarted
    resent = browser.post("/melden/formulier/", _resend_form(down.body))
    assert (resent.status, resent.headers["Location"]) == (302, "/melden/ontvangen/")
    recovered = browser.post("/melden/formulier/", _resend_form(retried.body))
    assert (recovered.status, recovered.headers["Location"]) == (302, "/melden/ontvangen/")
    receipt = browser.get("/melden/ontvangen/").body
    assert re.search(r'class="code-display"[^>]*>[0-9 ]{24}<', receipt), receipt[:3000]
    assert "Dit formulier was al verstuurd" in receipt
    assert reports() == 3  # three intents, three reports: none lost, none doubled


def test_crashes_in_the_middle_of_a_stream_of_reports_lose_nothing_double_nothing_and_never_lie(
    served: Running,
) -> None:
    """Reports are posted one after another while the database is killed mid-stream, ``ROUNDS`` times.

    Where the kill lands is up to chance (mid-transaction, mid-commit, between requests); the checks are
    invariants: every answer is a 302 or a 503 (never a 500); a 503 saying "not received" was not stored; after
    the restart each 503'd form is re-sent with its own page's button, and then every intent is exactly one
    report. ``KLANKBORD_FAULT_ROUNDS`` and ``KLANKBORD_FAULT_FORMS`` make it the longer version (docs/reliability.md).
    """
    cluster = served.cluster
    municipality = cluster.psql(FAULT_DB, "SELECT id FROM geo_municipality ORDER BY name LIMIT 1")
    reports = lambda: int(cluster.psql(FAULT_DB, "SELECT count(*) FROM reports_report"))  # noqa: E731
    tally = {"requests": 0, "302": 0, "503": 0, "other": 0, "not_received_but_stored": 0}
    for round_number in range(ROUNDS):
        members = [Browser(served.base) for _ in range(FORMS)]
        forms = [
            _report_form(member, municipality, f"Ronde {round_number} melding {i}.")
            for i, member in enumerate(members)
        ]
        before = reports()
        answers = []
        killer = threading.Thread(target=cluster.stop, args=("immediate",))
        for index, (member, form) in enumerate(zip(members, forms, strict=True)):
            if index == FORMS // 3:
                killer.start()  # lands wherever the next posts are
            answers.append(member.post("/melden/formulier/", form))
        killer.join(timeout=30)
        tally["requests"] += len(answers)
        for answer in answers:
            key = str(answer.status) if answer.status in (302, 503) else "other"
            tally[key] += 1
            outcome = re.search(r'data-outcome="(\w+)"', answer.body) if answer.status == 503 else None
            if outcome:
                tally[f"503 {outcome.group(1)}"] = tally.get(f"503 {outcome.group(1)}", 0) + 1
        cluster.start()
        stored = reports() - before
        said_stored = sum(1 for a in answers if a.status == 302 or 'data-outcome="received"' in a.body)
        maybe = sum(1 for a in answers if 'data-outcome="unknown"' in a.body)
        tally["not_received_but_stored"] += max(0, stored - said_stored - maybe)
        for member, answer in zip(members, answers, strict=True):
            if answer.status == 503:
                assert member.post("/melden/formulier/", _resend_form(answer.body)).status == 302
        assert reports() - before == FORMS, f"round {round_number}: {reports() - before} reports of {FORMS}"
    print(f"\ndatabase crashes: {ROUNDS}, {tally}")  # the figures of docs/reliability.md
    assert tally["other"] == 0
    assert tally["not_received_but_stored"] == 0


def test_a_database_that_accepts_but_never_answers_gives_up_after_the_connect_timeout() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)  # the kernel completes the handshake; nobody ever answers
        params = {
            **connection.settings_dict,
            "HOST": "127.0.0.1",
            "PORT": str(silent.getsockname()[1]),
            "OPTIONS": {**connection.settings_dict["OPTIONS"], "connect_timeout": 2},
        }
        hung = type(connections["default"])(params, alias="hung")
        started = time.monotonic()
        with pytest.raises(OperationalError):
            hung.ensure_connection()
        assert time.monotonic() - started < 6


def test_every_statement_has_the_configured_timeout() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone() == (f"{settings.DATABASE_STATEMENT_TIMEOUT}s",)
