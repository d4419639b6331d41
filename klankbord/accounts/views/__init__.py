"""The accounts pages: one's own profile, the administrator's user pages, the invitation and the audit trail."""

from .audit import audit_export_view, audit_list
from .invitation import invitation_accept_view
from .profile import continue_after_mfa, profile
from .users import (
    grant_decide,
    grants_pending,
    user_detail,
    user_end_view,
    user_invite,
    user_invite_resend,
    user_list,
    user_mfa_reset_view,
    user_reactivate_view,
    user_roles_view,
    user_suspend_view,
)

__all__ = [
    "audit_export_view",
    "audit_list",
    "continue_after_mfa",
    "grant_decide",
    "grants_pending",
    "invitation_accept_view",
    "profile",
    "user_detail",
    "user_end_view",
    "user_invite",
    "user_invite_resend",
    "user_list",
    "user_mfa_reset_view",
    "user_reactivate_view",
    "user_roles_view",
    "user_suspend_view",
]
