"""Writes about users, roles and second factors. Each runs in one transaction and writes its audit entry in it.

Audit data holds primitives only: field names, role codes, language codes; never a name or a secret.
The public face of the package: import from ``klankbord.accounts.services``.
"""

from .grants import (
    CONFIRM_PERMISSION,
    role_grant_confirm,
    role_grant_refuse,
    role_grant_request,
    user_assign_role,
    user_remove_role,
    user_set_roles,
)
from .invitations import invitation_accept, invitation_create, invitation_resend, invitation_token_hash
from .lifecycle import register_access_revoker, user_end, user_mfa_reset, user_reactivate, user_suspend
from .users import (
    DISPLAY_NAME_MAX,
    authenticator_delete,
    role_update,
    user_create,
    user_update_account,
    user_update_profile,
)

__all__ = [
    "CONFIRM_PERMISSION",
    "DISPLAY_NAME_MAX",
    "authenticator_delete",
    "invitation_accept",
    "invitation_create",
    "invitation_resend",
    "invitation_token_hash",
    "register_access_revoker",
    "role_grant_confirm",
    "role_grant_refuse",
    "role_grant_request",
    "role_update",
    "user_assign_role",
    "user_create",
    "user_end",
    "user_mfa_reset",
    "user_reactivate",
    "user_remove_role",
    "user_set_roles",
    "user_suspend",
    "user_update_account",
    "user_update_profile",
]
