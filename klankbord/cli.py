"""The ``klankbord`` console command: Django's management commands with the settings preset."""

from __future__ import annotations

import os
import sys

# Commands whose documented name has a hyphen (a module name cannot).
ALIASES = {"scale-data": "scale_data"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klankbord.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv[1:] if argv is None else argv)
    if args:
        args[0] = ALIASES.get(args[0], args[0])
    execute_from_command_line(["klankbord", *args])


if __name__ == "__main__":
    main()
