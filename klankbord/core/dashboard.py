"""The start page after login: panels that apps register, each shown only with its permission."""

from __future__ import annotations

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
