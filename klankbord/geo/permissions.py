"""Object rules for region schemes: who may change what. Views ask these; templates only get the answers."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from .constants import SchemeKind
from .models import RegionScheme

MANAGE_REGIONS = "geo.manage_regions"
VIEW_REGION = "geo.view_region"


def can_manage_regions(user: Any) -> bool:
    return bool(user.has_perm(MANAGE_REGIONS))


def can_edit_scheme(user: Any, scheme: RegionScheme) -> bool:
    """Only custom schemes can be edited; the built-in ones mirror the reference data."""
    return can_manage_regions(user) and scheme.kind == SchemeKind.CUSTOM


def require_editable_scheme(user: Any, scheme: RegionScheme) -> RegionScheme:
    if not can_edit_scheme(user, scheme):
        raise PermissionDenied
    return scheme
