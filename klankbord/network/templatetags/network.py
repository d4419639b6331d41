"""``{% network_attendance ambassador as rows %}``: the attendance list for the ambassador's profile page."""

from __future__ import annotations

from typing import Any

from django import template

from klankbord.network.selectors import attendance_of

register = template.Library()


@register.simple_tag
def network_attendance(ambassador: Any) -> list[Any]:
    """Past gatherings with recorded attendance (one query); empty for a missing profile."""
    return attendance_of(ambassador_id=ambassador.pk) if getattr(ambassador, "pk", None) else []
