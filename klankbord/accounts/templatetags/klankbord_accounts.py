"""Template helpers for account pages (reads only)."""

from __future__ import annotations

from typing import Any

from django import template

from klankbord.accounts.selectors import user_requires_mfa

register = template.Library()


@register.simple_tag
def requires_mfa(user: Any) -> bool:
    """Whether the user's role makes MFA mandatory (shown on the enrolment page)."""
    return user_requires_mfa(user)
