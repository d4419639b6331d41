"""How an invitation link's secret is kept: only its SHA-256 (shared by the service that issues invitations and
the selector that finds the person a link is for)."""

from __future__ import annotations

import hashlib


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
