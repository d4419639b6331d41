"""``klankbord serve``: the production web server (gunicorn) with the application and deduce preloaded."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from klankbord.core.server import ServerOptions, default_workers, serve


class Command(BaseCommand):
    help = (
        "Serve Klankbord with gunicorn: the application and the de-identification model are loaded once in the "
        "master, then the workers fork. Put a TLS-terminating reverse proxy in front (deploy/nginx)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = ServerOptions()
        parser.add_argument("--bind", default=defaults.bind, help="HOST:PORT (default %(default)s)")
        parser.add_argument(
            "--workers",
            type=int,
            default=0,
            help=f"worker processes (default twice the CPUs plus one, at most 8; here {default_workers()})",
        )
        parser.add_argument(
            "--timeout", type=int, default=defaults.timeout, help="seconds before a busy worker is replaced"
        )
        parser.add_argument(
            "--graceful-timeout",
            type=int,
            default=defaults.graceful_timeout,
            help="seconds a worker gets to finish its request on stop or reload",
        )
        parser.add_argument("--keepalive", type=int, default=defaults.keepalive, help="keep-alive seconds")
        parser.add_argument(
            "--max-requests",
            type=int,
            default=defaults.max_requests,
            help="replace a worker after this many requests (0: never)",
        )
        parser.add_argument("--access-log", action="store_true", help="log every request to standard error")
        parser.add_argument(
            "--no-preload-deduce",
            action="store_true",
            help="do not load the de-identification model at start (only for nodes that never serve signals)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        serve(
            ServerOptions(
                bind=options["bind"],
                workers=options["workers"],
                timeout=options["timeout"],
                graceful_timeout=options["graceful_timeout"],
                keepalive=options["keepalive"],
                max_requests=options["max_requests"],
                access_log=options["access_log"],
                preload_deduce=not options["no_preload_deduce"],
            )
        )
