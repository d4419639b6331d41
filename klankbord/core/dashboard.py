"""The start page after login: panels that apps register, each shown only with its permission.

Apps also register *alerts*: something that needs someone now (an acute report nobody has claimed yet). An
alert shows as a banner at the top of every page of each user with its permission, the dashboard and the
inbox included, for as long as its provider returns it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Panel:
    title: str | Promise
    text: str | Promise
    url_name: str
    permission: str | None = None


PANELS: list[Panel] = []


def register_panel(panel: Panel) -> None:
    if panel not in PANELS:
        PANELS.append(panel)


def dashboard_panels(user: Any) -> list[Panel]:
    return [panel for panel in PANELS if panel.permission is None or user.has_perm(panel.permission)]


@dataclass(frozen=True)
class Alert:
    text: str | Promise
    url: str
    link_text: str | Promise


AlertProvider = Callable[[Any], list[Alert]]


@dataclass(frozen=True)
class AlertSource:
    provider: AlertProvider
    permission: str


ALERT_SOURCES: list[AlertSource] = []


def register_alert(provider: AlertProvider, *, permission: str) -> None:
    """Apps add an alert provider from ``AppConfig.ready``; it is asked only for users with ``permission``."""
    source = AlertSource(provider, permission)
    if source not in ALERT_SOURCES:
        ALERT_SOURCES.append(source)


def dashboard_alerts(user: Any) -> list[Alert]:
    if not (user is not None and user.is_authenticated):
        return []
    return [
        alert
        for source in ALERT_SOURCES
        if user.has_perm(source.permission)
        for alert in source.provider(user)
    ]
