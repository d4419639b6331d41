"""A private, throw-away PostgreSQL cluster for fault tests that stop and start the database.

Never the shared server on 5432: the cluster lives in a temporary directory, listens on its own port on
127.0.0.1 (and a socket in that directory), and is removed afterwards. Run as root, the server runs as the
``postgres`` user (``runuser``), as PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT_SECONDS = 20


def postgres_bindir() -> Path | None:
    """The newest installed PostgreSQL's bin directory (Debian layout), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@dataclass
class PrivateCluster:
    bindir: Path
    root: Path
    port: int

    @property
    def datadir(self) -> Path:
        return self.root / "data"

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = _as_server_user([str(self.bindir / args[0]), *args[1:]])
        return subprocess.run(command, capture_output=True, text=True, check=check, timeout=60)  # noqa: S603

    def init(self) -> None:
        self._run(
            "initdb", "-D", str(self.datadir), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.root / "server.log")
        self._run("pg_ctl", "-D", str(self.datadir), "-o", options, "-l", log, "-w", "-t", "20", "start")

    def stop(self, mode: str = "immediate") -> None:
        """``immediate``: the server dies as in a crash (no checkpoint); it recovers from its WAL on start."""
        self._run("pg_ctl", "-D", str(self.datadir), "-m", mode, "-w", "stop")

    def is_running(self) -> bool:
        return self._run("pg_ctl", "-D", str(self.datadir), "status", check=False).returncode == 0

    def createdb(self, name: str) -> None:
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)

    def psql(self, database: str, sql: str) -> str:
        result = self._run(
            "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database, "-tAc", sql
        )
        return result.stdout.strip()


@contextmanager
def private_cluster(port: int = 55433) -> Iterator[PrivateCluster]:
    """A fresh cluster, started; stopped and deleted afterwards whatever happens."""
    bindir = postgres_bindir()
    if bindir is None:
        raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
    root = Path(tempfile.mkdtemp(prefix="kb-pgcluster-"))
    if os.geteuid() == 0:
        server = pwd.getpwnam("postgres")
        os.chown(root, server.pw_uid, server.pw_gid)
    cluster = PrivateCluster(bindir=bindir, root=root, port=port)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        if cluster.datadir.exists() and cluster.is_running():
            cluster.stop("immediate")
        shutil.rmtree(root, ignore_errors=True)
