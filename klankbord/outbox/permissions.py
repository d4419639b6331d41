"""Who may see the outbox: one permission, given to roles in ``accounts/roles.py`` (never a role name here)."""

MANAGE_MAIL = "outbox.manage_outgoing_mail"
