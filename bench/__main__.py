"""``uv run python -m bench``: measure every key page of Klankbord under ``klankbord serve`` on PostgreSQL.

1. Creates the database if needed, migrates it and fills it with ``klankbord scale-data --scale N`` (once: an
   existing database with that scale's reports is reused).
2. Starts ``klankbord serve`` (gunicorn) with ``KLANKBORD_BENCH=1``: every response then carries ``X-Queries``
   and ``X-Server-Time``.
3. Logs in each role's demo persona (password, then TOTP from the seeded secret) once; the clients of a role
   share that session.
4. Drives each page at each concurrency for ``--duration`` seconds (and at most ``--max-requests``), then
   prints one Markdown table: p50, p95, throughput, queries per request, and p50 / the trivial page's p50 at
   the same concurrency in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.client import Client

ROOT = Path(__file__).resolve().parent.parent
TRIVIAL = "anonymous: about page (trivial)"


@dataclass(frozen=True)
class Page:
    name: str
    role: str  # "" anonymous, "api" bearer token, else a role slug
    path: str


@dataclass
class Result:
    page: Page
    concurrency: int
    seconds: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: set[int] = field(default_factory=set)
    wall: float = 0.0

    def quantile(self, q: float) -> float:
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="years of national data (default 1)")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per page and concurrency")
    parser.add_argument("--max-requests", type=int, default=400, help="at most this many per page and level")
    parser.add_argument("--concurrency", default="1,8", help="comma-separated client counts (default 1,8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", default="", help="PostgreSQL URL (default klankbord_bench_<scale>)")
    parser.add_argument("--only", default="", help="run only pages whose name contains this text")
    parser.add_argument("--conn-max-age", default="60", help="DATABASE_CONN_MAX_AGE of the server")
    parser.add_argument("--json", default="", help="also write the raw figures to this file")
    return parser.parse_args()


def _database_url(args: argparse.Namespace) -> str:
    if args.database:
        return str(args.database)
    name = f"klankbord_bench_{str(args.scale).replace('.', '_')}"
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def _prepare(url: str, scale: float) -> dict[str, object]:
    """Create, migrate and fill the database (in this process), then pick the objects the pages show."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klankbord.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from bench import fixtures

    if not fixtures.has_data():
        call_command("scale_data", scale=scale)
    return fixtures.pick()


def _pages(ids: dict[str, object]) -> list[Page]:
    counsellor_case, match, ambassador_case = ids["counsellor_case"], ids["matching"], ids["ambassador_case"]
    return [
        Page(TRIVIAL, "", "/over/"),
        Page("anonymous: /healthz (no middleware)", "", "/healthz"),
        Page("anonymous: home", "", "/"),
        Page("anonymous: report start", "", "/melden/"),
        Page("counsellor: home", "counsellor", "/"),
        Page("counsellor: about page (logged-in shell)", "counsellor", "/over/"),
        Page("counsellor: inbox new", "counsellor", "/meldingen/"),
        Page("counsellor: inbox open", "counsellor", "/meldingen/?tab=open"),
        Page("counsellor: inbox closed", "counsellor", "/meldingen/?tab=closed"),
        Page("counsellor: case page", "counsellor", f"/meldingen/{counsellor_case}/"),
        Page("counsellor: matching", "counsellor", f"/koppeling/melding/{match}/"),
        Page("ambassador: home", "ambassador", "/"),
        Page("ambassador: my cases", "ambassador", "/begeleiding/"),
        Page("ambassador: case page", "ambassador", f"/begeleiding/zaak/{ambassador_case}/"),
        Page("coordinator: overview", "coordinator", "/overzicht/"),
        Page("coordinator: ambassador list", "coordinator", "/ambassadeurs/"),
        Page("coordinator: coverage", "coordinator", "/werving/"),
        Page("coordinator: signals insight", "coordinator", "/signalen/inzicht/"),
        Page("coordinator: signals CSV", "coordinator", "/signalen/export/category.csv"),
        Page("coordinator: signals PDF", "coordinator", "/signalen/export/rapport.pdf"),
        Page("coordinator: gatherings", "coordinator", "/netwerk/bijeenkomsten/"),
        Page("coordinator: network time", "coordinator", "/netwerk/tijdsbesteding/"),
        Page("coordinator: network load", "coordinator", "/netwerk/belasting/"),
        Page("coordinator: applications list", "coordinator", "/werving/sollicitaties/"),
        Page("coordinator: recruitment overview", "coordinator", "/werving/sollicitaties/overzicht/"),
        Page("api: signal aggregates", "api", "/api/v1/signals/aggregates/category"),
        Page("api: municipalities", "api", "/api/v1/geo/municipalities"),
    ]


def _serve(args: argparse.Namespace, url: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "KLANKBORD_BENCH": "1",
        "DATABASE_CONN_MAX_AGE": args.conn_max_age,
    }
    command = [sys.executable, "-m", "klankbord", "serve", "--bind", f"127.0.0.1:{args.port}"]
    server = subprocess.Popen([*command, "--workers", str(args.workers)], cwd=ROOT, env=env)  # noqa: S603
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if Client("127.0.0.1", args.port, timeout=2).get("/healthz").status == 200:
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("klankbord serve did not answer /healthz within 120 s")


def _drive(base: Client, page: Page, concurrency: int, args: argparse.Namespace) -> Result:
    result, lock = Result(page, concurrency), threading.Lock()
    stop_at = time.monotonic() + args.duration

    def worker() -> None:
        client = base.copy()
        while time.monotonic() < stop_at:
            with lock:
                if len(result.seconds) + result.errors >= args.max_requests:
                    break
            try:
                response = client.get(page.path)
            except OSError:
                with lock:
                    result.errors += 1
                continue
            with lock:
                result.statuses.add(response.status)
                if response.status != 200:
                    result.errors += 1
                    continue
                result.seconds.append(response.seconds)
                if response.queries is not None:
                    result.queries.append(response.queries)
                if response.server_ms is not None:
                    result.server_ms.append(response.server_ms)
        client.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.wall = time.perf_counter() - started
    return result


def _table(results: list[Result], args: argparse.Namespace) -> str:
    floor = {r.concurrency: r.quantile(0.5) for r in results if r.page.name == TRIVIAL}
    lines = [
        "| page | clients | requests | errors | p50 ms | p95 ms | req/s | queries | p50 / trivial |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        queries = f"{statistics.median(r.queries):.0f}" if r.queries else "-"
        ratio = r.quantile(0.5) / floor[r.concurrency] if floor.get(r.concurrency) else float("nan")
        throughput = len(r.seconds) / r.wall if r.wall else 0.0
        errors = f"{r.errors} ({','.join(map(str, sorted(r.statuses - {200})))})" if r.errors else "0"
        lines.append(
            f"| {r.page.name} | {r.concurrency} | {len(r.seconds)} | {errors} | {r.quantile(0.5):.0f} |"
            f" {r.quantile(0.95):.0f} | {throughput:.1f} | {queries} | {ratio:.1f} |"
        )
    return "\n".join(lines)


def _machine(args: argparse.Namespace) -> str:
    return (
        f"{platform.node()} · {os.cpu_count()} CPUs · Python {platform.python_version()} · "
        f"scale {args.scale:g} · {args.workers} gunicorn workers · DATABASE_CONN_MAX_AGE={args.conn_max_age} · "
        f"{args.duration:g} s per page and level · load average {os.getloadavg()[0]:.1f} at the start"
    )


def main() -> None:
    args = _arguments()
    url = _database_url(args)
    ids = _prepare(url, args.scale)
    pages = [p for p in _pages(ids) if not args.only or args.only in p.name or p.name == TRIVIAL]
    machine = _machine(args)
    server = _serve(args, url)
    try:
        clients = _log_in(args, ids)
        results = [
            _drive(clients[page.role], page, level, args)
            for level in (int(c) for c in args.concurrency.split(","))
            for page in pages
        ]
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"\n{machine}\n\n{_table(results, args)}")
    if args.json:
        raw = [
            {"page": r.page.name, "clients": r.concurrency, "seconds": r.seconds, "queries": r.queries}
            for r in results
        ]
        Path(args.json).write_text(json.dumps({"machine": machine, "results": raw}))


def _log_in(args: argparse.Namespace, ids: dict[str, object]) -> dict[str, Client]:
    clients = {"": Client("127.0.0.1", args.port)}
    logins = ids["logins"]
    assert isinstance(logins, dict)
    for role, (email, password, secret) in logins.items():
        client = Client("127.0.0.1", args.port)
        client.login(email, password, secret)
        clients[role] = client
        time.sleep(0)  # each persona has its own secret: no TOTP code is reused
    clients["api"] = Client("127.0.0.1", args.port, bearer=str(ids["api_token"]))
    return clients


if __name__ == "__main__":
    main()
