"""The production web server: gunicorn, configured here so that ``klankbord serve`` needs no config file.

The master process imports the application and loads the de-identification model *before* it forks its workers
(``preload_app``): every worker starts ready, the 1.2 GB of lookup structures are shared copy-on-write between
them (``gc.freeze`` keeps the collector from touching, and so copying, those pages), and no request ever waits
for deduce. Database connections opened while loading are closed before the fork, so no two workers share a
socket.

Workers are synchronous: behind a reverse proxy that buffers slow clients (deploy/nginx), a sync worker per
request is the simplest model that is safe with every library used here. Scale with ``--workers`` on one node and
with more nodes behind a load balancer (docs/deployment.md).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from gunicorn.app.base import BaseApplication

WSGIApp = Callable[..., Iterable[bytes]]


def default_workers() -> int:
    """gunicorn's rule of thumb, 2 CPUs + 1, capped at 8 (each worker holds its own database connection)."""
    return min(2 * (os.cpu_count() or 1) + 1, 8)


@dataclass(frozen=True)
class ServerOptions:
    bind: str = "127.0.0.1:8000"
    workers: int = 0  # 0: default_workers()
    timeout: int = 60
    graceful_timeout: int = 30
    keepalive: int = 5
    max_requests: int = 2000
    access_log: bool = False
    preload_deduce: bool = True

    def gunicorn_settings(self) -> dict[str, Any]:
        """The gunicorn settings these options stand for."""
        values: dict[str, Any] = {
            "bind": [self.bind],
            "workers": self.workers or default_workers(),
            "worker_class": "sync",
            "timeout": self.timeout,
            "graceful_timeout": self.graceful_timeout,
            "keepalive": self.keepalive,
            # A worker is replaced after this many requests (spread out by the jitter): a bound on slow leaks.
            "max_requests": self.max_requests,
            "max_requests_jitter": max(self.max_requests // 10, 1) if self.max_requests else 0,
            "preload_app": True,
            "proc_name": "klankbord",
            "accesslog": "-" if self.access_log else None,
            "logconfig_dict": _gunicorn_logging(access_log=self.access_log),
            # gunicorn's runtime control socket (in the home directory) is an interface nobody here uses.
            "control_socket_disable": True,
        }
        return values


def _gunicorn_logging(*, access_log: bool) -> dict[str, Any]:
    """gunicorn's own loggers through the project's handlers, so ``LOG_FORMAT=json`` covers them too.

    Access lines are logged at INFO; without ``--access-log`` their logger only passes warnings.
    """
    logging_config: dict[str, Any] = settings.LOGGING
    server = {"handlers": ["console"], "level": "INFO", "propagate": False}
    access = {**server, "level": "INFO" if access_log else "WARNING"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": logging_config["formatters"],
        "handlers": logging_config["handlers"],
        "root": logging_config["root"],
        "loggers": {"gunicorn.error": server, "gunicorn.access": access},
    }


class KlankbordServer(BaseApplication):
    """gunicorn's application interface, loading Django's WSGI application in the master."""

    def __init__(self, options: ServerOptions) -> None:
        self.options = options
        super().__init__(prog="klankbord serve")

    def load_config(self) -> None:
        for name, value in self.options.gunicorn_settings().items():
            self.cfg.set(name, value)

    def load(self) -> WSGIApp:
        from django.core.wsgi import get_wsgi_application
        from django.db import connections

        application = get_wsgi_application()
        if self.options.preload_deduce:
            from klankbord.deidentify import prepare

            prepare()
        connections.close_all()
        gc.freeze()
        return application


def serve(options: ServerOptions) -> None:
    """Run gunicorn in the foreground until it is told to stop (SIGTERM/SIGINT: graceful)."""
    KlankbordServer(options).run()
