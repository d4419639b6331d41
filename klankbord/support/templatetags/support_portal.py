"""The member's support panel for the portal page: ``{% load support_portal %}{% support_portal_panel view.pk %}``.

Only for use on pages that already checked the viewer is the report's own member (the portal detail page).
"""

from __future__ import annotations

from typing import Any

from django import template

from ..selectors import portal_support_for

register = template.Library()


@register.inclusion_tag("support/_portal_panel.html")
def support_portal_panel(report_pk: int) -> dict[str, Any]:
    return {"support": portal_support_for(report_pk=report_pk), "report_pk": report_pk}
