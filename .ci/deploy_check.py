"""Check the deployment files in deploy/: they parse, and they cover every scheduled job README.md names.

    uv run python .ci/deploy_check.py

- ``deploy/compose.yaml`` is valid YAML with the services db, redis, web, worker and scheduler;
- every systemd unit in ``deploy/systemd`` parses as a unit file (sections, ``key=value`` lines) and every
  timer has a service of the same name (``.ci/run`` also runs ``systemd-analyze verify`` when it is installed);
- every command of README.md's "Scheduled jobs" table is started by a systemd unit and by the compose scheduler;
- the nginx example sets TLS, a body size limit and timeouts.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
SERVICES = {"db", "redis", "web", "worker", "scheduler"}
UNIT_LINE = re.compile(r"^(?:\[[A-Za-z]+\]|[A-Za-z][A-Za-z0-9]*=.*|#.*|;.*|)$")


def check_compose() -> list[str]:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    missing = SERVICES - set(compose.get("services", {}))
    return [f"compose.yaml: no service {name}" for name in sorted(missing)]


def parse_unit(path: Path) -> tuple[dict[str, dict[str, list[str]]], list[str]]:
    """A unit file as {section: {key: [values]}} (keys may repeat), and the lines that are not unit syntax."""
    sections: dict[str, dict[str, list[str]]] = {}
    problems: list[str] = []
    current: dict[str, list[str]] | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if not UNIT_LINE.match(stripped):
            problems.append(f"{path.name}:{number}: not unit syntax: {stripped!r}")
        elif stripped.startswith("["):
            current = sections.setdefault(stripped[1:-1], {})
        elif "=" in stripped and not stripped.startswith(("#", ";")):
            if current is None:
                problems.append(f"{path.name}:{number}: a setting outside any section")
                continue
            key, value = stripped.split("=", 1)
            current.setdefault(key, []).append(value)
    return sections, problems


def check_units() -> tuple[list[str], set[str]]:
    """Problems in the units, and the klankbord commands their services run."""
    problems: list[str] = []
    commands: set[str] = set()
    units = sorted((DEPLOY / "systemd").glob("*.service")) + sorted((DEPLOY / "systemd").glob("*.timer"))
    for path in units:
        sections, found = parse_unit(path)
        problems += found
        kind = path.suffix[1:].capitalize()
        if "Unit" not in sections or kind not in sections:
            problems.append(f"{path.name}: needs [Unit] and [{kind}]")
            continue
        if kind == "Timer" and not (path.with_suffix(".service")).exists():
            problems.append(f"{path.name}: no {path.with_suffix('.service').name}")
        for command in sections[kind].get("ExecStart", []):
            commands.add(command.split("/bin/klankbord", 1)[-1].strip())
    return problems, commands


def scheduled_commands() -> list[str]:
    """The commands of README.md's "Scheduled jobs" table."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Scheduled jobs", 1)[1].split("\n\n", 3)[2]
    return re.findall(r"^\| `([^`]+)` \|", table, flags=re.MULTILINE)


def check_schedules(unit_commands: set[str]) -> list[str]:
    scheduler = (DEPLOY / "scheduler.sh").read_text(encoding="utf-8")
    problems = []
    for command in scheduled_commands():
        if command not in unit_commands:
            problems.append(f"systemd: no unit runs `klankbord {command}`")
        if f"run {command}\n" not in scheduler:
            problems.append(f"scheduler.sh: does not run `klankbord {command}`")
    return problems


def check_nginx() -> list[str]:
    config = (DEPLOY / "nginx" / "klankbord.conf").read_text(encoding="utf-8")
    needed = ["ssl_certificate ", "client_max_body_size ", "proxy_read_timeout ", "listen 443 ssl"]
    return [
        f"nginx/klankbord.conf: no `{directive.strip()}`" for directive in needed if directive not in config
    ]


def main() -> int:
    unit_problems, unit_commands = check_units()
    problems = check_compose() + unit_problems + check_schedules(unit_commands) + check_nginx()
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(
            f"deploy/: compose, {len(list((DEPLOY / 'systemd').iterdir()))} systemd units and nginx are consistent"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
